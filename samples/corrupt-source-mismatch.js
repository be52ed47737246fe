// @bun @bytecode
var __defProp = Object.defineProperty;
var __returnValue = (v) => v;
function __exportSetter(name, newValue) {
  this[name] = __returnValue.bind(null, newValue);
}
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, {
      get: all[name],
      enumerable: true,
      configurable: true,
      set: __exportSetter.bind(all, name)
    });
};

// lib.js
var exports_lib = {};
__export(exports_lib, {
  VERSION: () => VERSION,
  default: () => Thing,
  greet: () => greet
});

// entry.js
import { join, basename } from "path";

// lib.js
var VERSION = "1.2.4-beta";
function greet(name) {
  return `Hello, ${name}!`;
}

class Thing {
  constructor() {
    this.x = 42;
  }
}

// entry.js
var entryName = basename(join("/a/b", "entry.js"));
console.log(greet("esm"), VERSION, entryName, Object.keys(exports_lib).sort().join(","));
export {
  entryName
};
