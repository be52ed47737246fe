import { renderExecutableText, renderPayloadText } from '../artifact/renderText';
import type { Inspection } from '../artifact/inspect';
import { printable } from './text';

/** `bmes dump` text for the kinds other than BMES. */
export function artifactText(path: string, inspection: Inspection & { sourceBeside: string | null }): string {
  const { artifact } = inspection;
  switch (artifact.kind) {
    case 'jsc-payload':
      return renderPayloadText(path, artifact) + (inspection.sourceBeside ? `source: checked against ${printable(inspection.sourceBeside)} (the file beside it)\n` : '');
    case 'executable':
      return renderExecutableText(path, artifact, inspection.modules, inspection.records, inspection.diagnostics);
    case 'unknown':
      return `${printable(path)}: ${artifact.size.toLocaleString('en-US')} bytes, not a file the inspector knows. ${artifact.reason}\n`;
    case 'bmes':
      return '';
  }
}
