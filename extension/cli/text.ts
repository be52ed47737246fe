// The helpers moved to the text view, which renders the same dump for the editor; the CLI keeps its imports.
export { hexOffset, printable, quoted, table } from '../textView/plainText';
