/** The commands this extension contributes (package.json `contributes.commands`). */
export const REGENERATE_CACHE = 'bmesInspector.regenerateCache';
export const OPEN_AS_TEXT = 'bmesInspector.openAsText';
export const COMPARE_WITH = 'bmesInspector.compareWith';
export const GO_TO_OFFSET = 'bmesInspector.goToOffset';
