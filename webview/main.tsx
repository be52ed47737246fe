// First: captures the CSP nonce while this script is still the current one.
import { NONCE } from './cspNonce';
// Then: listens to the host and says `ready`, while the rest is evaluated and mounted.
import './hostInbox';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createHost } from './host';
import { injectStyles } from './styles/inject';
import { STYLES } from './styles/styles';
import { TOOLKIT_STYLES } from './toolkit';

injectStyles(STYLES + TOOLKIT_STYLES, NONCE);

createRoot(document.getElementById('root')!).render(<App host={createHost()} />);
