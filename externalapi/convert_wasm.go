//go:build js && wasm

package externalapi

import (
	"errors"
	"fmt"

	"github.com/hack-pad/safejs"
)

// jsJSON is the browser's JSON object.
var jsJSON = safejs.MustGetGlobal("JSON")

// toJS converts a JSON-encodable Go value to JavaScript: primitives
// directly, anything else through plainValue, which gives it the shape that
// its json tags say, without encoding/json in the module.
func toJS(v any) (safejs.Value, error) {
	switch v := v.(type) {
	case nil:
		return safejs.Null(), nil
	case string, bool, float64, int:
		return safejs.ValueOf(v)
	}
	p, err := plainValue(v)
	if err != nil {
		return safejs.Value{}, fmt.Errorf("externalapi: encoding %T: %w", v, err)
	}
	return plainToJS(p)
}

var (
	jsObject = safejs.MustGetGlobal("Object")
	jsArray  = safejs.MustGetGlobal("Array")
)

// plainToJS builds the JavaScript value of a plainValue tree, keeping the
// order of object keys.
func plainToJS(p any) (safejs.Value, error) {
	switch p := p.(type) {
	case nil:
		return safejs.Null(), nil
	case rawJSON:
		return jsJSON.Call("parse", string(p))
	case []any:
		arr, err := jsArray.New(len(p))
		if err != nil {
			return safejs.Value{}, err
		}
		for i, e := range p {
			v, err := plainToJS(e)
			if err != nil {
				return safejs.Value{}, err
			}
			if err := arr.SetIndex(i, v); err != nil {
				return safejs.Value{}, err
			}
		}
		return arr, nil
	case plainObject:
		obj, err := jsObject.New()
		if err != nil {
			return safejs.Value{}, err
		}
		for _, m := range p {
			v, err := plainToJS(m.value)
			if err != nil {
				return safejs.Value{}, err
			}
			if err := obj.Set(m.key, v); err != nil {
				return safejs.Value{}, err
			}
		}
		return obj, nil
	}
	return safejs.ValueOf(p)
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
