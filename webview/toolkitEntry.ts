// The toolkit bundle (dist/webviewToolkit.js): defines the toolkit's elements, loaded after the first paint (toolkit.ts).
import { defineToolkitElements } from './toolkit';

defineToolkitElements();
