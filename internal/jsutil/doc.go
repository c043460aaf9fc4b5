// Package jsutil holds the small pieces of JavaScript glue that more than
// one package needs; today, awaiting a promise from Go. Its files are for
// js/wasm only.
package jsutil
