import { useEffect, useState } from 'react';
import type { HostToWebview } from '../extension/protocol';
import { Badge, ProgressRing } from './toolkit';
import { vscode } from './vscodeApi';

/** Placeholder view: verdict, header, list counts and diagnostics. The full inspector replaces it. */
export function App() {
  const [state, setState] = useState<HostToWebview | null>(null);
  useEffect(() => {
    const onMessage = (event: MessageEvent<HostToWebview>) => setState(event.data);
    window.addEventListener('message', onMessage);
    vscode.postMessage({ type: 'ready' });
    return () => window.removeEventListener('message', onMessage);
  }, []);

  if (!state) return <ProgressRing aria-label="Decoding" />;
  if (state.type === 'failed') return <p role="alert">{state.message}</p>;
  const { dump, verdict } = state;
  const counts: [string, unknown[] | null][] = [
    ['Requested modules', dump.requestedModules],
    ['Import entries', dump.importEntries],
    ['Export entries', dump.exportEntries],
    ['Star exports', dump.starExports],
    ['Declared variables', dump.declaredVariables],
    ['Lexical variables', dump.lexicalVariables],
  ];
  return (
    <main>
      <h1>{state.fileName}</h1>
      <p role="status" className={`verdict verdict-${verdict.level}`}>
        <strong>{verdict.summary}.</strong> {verdict.reason}
      </p>
      <h2>Header</h2>
      <dl>
        <dt>Size</dt>
        <dd>{dump.size} bytes</dd>
        <dt>Version</dt>
        <dd>{dump.header.version ?? '—'}</dd>
        <dt>Bytecode</dt>
        <dd>{dump.bytecode ? `${dump.bytecode.size} bytes at 0x${dump.bytecode.offset.toString(16)}` : '—'}</dd>
      </dl>
      <h2>Module record</h2>
      <ul>
        {counts.map(([label, list]) => (
          <li key={label}>
            {label}: <Badge>{list === null ? '—' : list.length}</Badge>
          </li>
        ))}
      </ul>
      <h2>Diagnostics</h2>
      <ul>
        {dump.diagnostics.map((d, i) => (
          <li key={i}>
            <code>0x{d.offset.toString(16)}</code> {d.severity} <code>{d.code}</code>: {d.message}
          </li>
        ))}
      </ul>
    </main>
  );
}
