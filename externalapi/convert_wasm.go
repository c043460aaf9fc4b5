//go:build js && wasm

package externalapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"

	"github.com/hack-pad/safejs"
)

// jsJSON is the browser's JSON object.
var jsJSON = safejs.MustGetGlobal("JSON")

// toJS converts a JSON-encodable Go value to JavaScript: primitives
// directly, anything else through encoding/json and JSON.parse so that the
// wire shape is exactly what the json tags say.
func toJS(v any) (safejs.Value, error) {
	if v == nil {
		return safejs.Null(), nil
	}
	if _, ok := v.(json.Marshaler); !ok {
		rv := reflect.ValueOf(v)
		switch rv.Kind() {
		case reflect.String:
			return safejs.ValueOf(rv.String())
		case reflect.Bool:
			return safejs.ValueOf(rv.Bool())
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			return safejs.ValueOf(rv.Int())
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			return safejs.ValueOf(rv.Uint())
		case reflect.Float32, reflect.Float64:
			return safejs.ValueOf(rv.Float())
		}
	}
	b, err := json.Marshal(v)
	if err != nil {
		return safejs.Value{}, fmt.Errorf("externalapi: encoding %T: %w", v, err)
	}
	return jsJSON.Call("parse", string(b))
}

// toJSArgs converts an argument list with toJS.
func toJSArgs(args []any) ([]any, error) {
	out := make([]any, len(args))
	for i, a := range args {
		v, err := toJS(a)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// fromJS returns v as JSON; undefined becomes null.
func fromJS(v safejs.Value) ([]byte, error) {
	if v.IsUndefined() {
		return []byte("null"), nil
	}
	s, err := jsJSON.Call("stringify", v)
	if err != nil {
		return nil, fmt.Errorf("externalapi: value is not JSON: %w", err)
	}
	if s.IsUndefined() { // functions and symbols
		return []byte("null"), nil
	}
	str, err := s.String()
	return []byte(str), err
}

// errNoObject is returned when the backend has no JavaScript object.
var errNoObject = errors.New("externalapi: no External API object")
