// Package app holds the go-app components of meetbridge. Meeting embeds one
// meeting through package externalapi and keeps the iframe alive across
// re-renders.
//
// go-app is imported as goapp, since this package is named app too.
package app
