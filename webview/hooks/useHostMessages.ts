import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { CacheChecks, SplitPreference } from '../../extension/protocol';
import type { ViewModel } from '../../extension/viewModel/types';
import type { Host } from '../host';
import { listenToHost } from '../hostInbox';
import { parseHostMessage } from '../lib/hostMessages';

export interface Document {
  readonly fileName: string;
  readonly generation: number;
  readonly model: ViewModel | null;
  /**
   * The model is a preview: the header and the first bytes of a file still being decoded (no tables, nothing
   * checked yet); the full model follows.
   */
  readonly preliminary: boolean;
  /** The file was deleted on disk; the last model stays on screen. */
  readonly deleted: boolean;
  /** The file could not be read. */
  readonly failure: string | null;
  /** What the host checked the cache against; null when it sent nothing (an older host). */
  readonly checks: CacheChecks | null;
  /** The last "Regenerate cache" summary; `seq` grows with each one, so a dismissed summary stays dismissed. */
  readonly regenerated: { readonly summary: string; readonly seq: number } | null;
}

const INITIAL: Document = { fileName: '', generation: -1, model: null, preliminary: false, deleted: false, failure: null, checks: null, regenerated: null };

/**
 * Listens to the host (from the inbox, which announced `ready` before React mounted), answers pending requests and
 * keeps the latest model. `onReveal` handles the host's requests to select bytes, `onLayout` the split remembered across editors.
 */
export function useHostMessages(
  host: Host,
  onReveal: (offset: number, length: number) => void,
  onGoToOffset: () => void = () => undefined,
  onLayout: (split: SplitPreference) => void = () => undefined,
): Document {
  const [doc, setDoc] = useState<Document>(INITIAL);
  const reveal = useRef(onReveal);
  reveal.current = onReveal;
  /** A full model has arrived (a later preview is then ignored). */
  const shown = useRef(false);
  /** The generation of the preview on screen (-1: none). */
  const previewed = useRef(-1);
  const goToOffset = useRef(onGoToOffset);
  goToOffset.current = onGoToOffset;
  const layout = useRef(onLayout);
  layout.current = onLayout;
  useEffect(() => {
    const onMessage = (event: MessageEvent<unknown>) => {
      const message = parseHostMessage(event.data);
      if (!message) return;
      switch (message.type) {
        case 'preview':
          // Only before a file's first model: a view that shows a model keeps it until the next one comes. The
          // host may send the same preview twice (at once, and in answer to `ready`): shown once.
          if (shown.current || previewed.current === message.generation) break;
          previewed.current = message.generation;
          host.bytes.reset(message.generation, message.model.size);
          host.bytes.seed(0, message.bytes);
          // Rendered at once, so the header and first hex rows do not wait behind the model's arrival.
          flushSync(() => setDoc((d) => ({ ...d, fileName: message.fileName, generation: message.generation, model: message.model, preliminary: true, failure: null })));
          break;
        case 'model':
          shown.current = true;
          host.bytes.reset(message.generation, message.model.size);
          if (message.bytes) host.bytes.seed(0, message.bytes);
          setDoc((d) => ({
            ...d,
            fileName: message.fileName,
            generation: message.generation,
            model: message.model,
            preliminary: false,
            deleted: false,
            failure: null,
            checks: message.checks ?? null,
          }));
          break;
        case 'regenerated':
          setDoc((d) => ({ ...d, regenerated: { summary: message.summary, seq: (d.regenerated?.seq ?? 0) + 1 } }));
          break;
        case 'failed':
          setDoc((d) => ({ ...d, fileName: message.fileName, failure: message.message }));
          break;
        case 'deleted':
          setDoc((d) => ({ ...d, deleted: true }));
          break;
        case 'reveal':
          reveal.current(message.offset, message.length);
          break;
        case 'goToOffset':
          goToOffset.current();
          break;
        case 'layout':
          layout.current(message.split);
          break;
        case 'bytes':
        case 'embeddedSource':
        case 'found':
        case 'sourceText':
        case 'disassembly':
        case 'requestFailed':
          host.tracker.settle(message);
          break;
      }
    };
    // The inbox has said `ready` already, and kept what came since.
    return listenToHost(onMessage);
  }, [host]);
  return doc;
}
