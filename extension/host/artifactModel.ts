import type { Artifact } from '../artifact/decodeArtifact';
import type { BmesFile, Diagnostic } from '../bmes';
import { withVersionCheck } from '../textView/versionMismatch';
import { buildExecutableViewModel, buildPayloadViewModel } from '../viewModel/artifactViewModel';
import { buildViewModel } from '../viewModel/buildViewModel';
import type { ViewModel } from '../viewModel/types';
import { bmesVerdict, NO_EXPECTATIONS, type BmesExpectations } from '../verdict/bmesVerdict';

export interface ArtifactModel {
  /** The BMES file, when the file is one. */
  readonly file: BmesFile | null;
  readonly artifact: Artifact;
  readonly model: ViewModel;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * The first view model of a decoded file, by kind; a BMES file is also checked against the expected BMES version.
 * An executable's model here is its module list; its modules are checked afterwards. Throws for a file of no kind the
 * inspector reads (the reason is the message).
 */
export function modelOfArtifact(artifact: Artifact, expectedVersion: number | null, expect: BmesExpectations = NO_EXPECTATIONS): ArtifactModel {
  switch (artifact.kind) {
    case 'bmes': {
      const file = expectedVersion === null ? artifact.file : withVersionCheck(artifact.file, expectedVersion);
      return { file, artifact: { kind: 'bmes', file }, model: buildViewModel(file, bmesVerdict(file, expect)), diagnostics: file.diagnostics };
    }
    case 'jsc-payload':
      return { file: null, artifact, model: buildPayloadViewModel(artifact, expect), diagnostics: artifact.diagnostics };
    case 'executable':
      return { file: null, artifact, model: buildExecutableViewModel(artifact, null, null, expect), diagnostics: artifact.diagnostics };
    case 'unknown':
      throw new Error(artifact.reason);
  }
}
