//go:build !(js && wasm)

package app

import goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

// start does nothing outside the browser: there is no meeting to create.
func (m *Meeting) start(goapp.Context) {}
