import { useEffect, useState } from 'react';
import type { Host } from '../host';

/** The Bytecode tab's source: asked for, known (its name and text), or unknown with the host's reason. */
export type BytecodeSource =
  { readonly state: 'loading' } | { readonly state: 'known'; readonly name: string; readonly text: string } | { readonly state: 'missing'; readonly reason: string };

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Asks the host for the text the payload was compiled from (`module`: an executable's module; null: the file beside
 * the cache) once per decode; `wanted` false (no payload) asks nothing.
 */
export function useBytecodeSource(wanted: boolean, module: number | null, generation: number, host: Host): BytecodeSource {
  const [source, setSource] = useState<BytecodeSource>({ state: 'loading' });
  useEffect(() => {
    setSource({ state: 'loading' });
    if (!wanted) return;
    let live = true;
    host.tracker
      .send((requestId) => ({ type: 'readSource', requestId, generation, module }))
      .then(
        (answer) => live && setSource(answer.type === 'sourceText' ? { state: 'known', name: answer.name, text: answer.text } : { state: 'missing', reason: 'unexpected answer' }),
        (error: unknown) => live && setSource({ state: 'missing', reason: errorText(error) }),
      );
    return () => {
      live = false;
    };
  }, [wanted, module, generation, host]);
  return source;
}
