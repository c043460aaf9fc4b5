package externalapi

import (
	"encoding"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
)

// The browser side hands Go values (command arguments, constructor options)
// to JavaScript as values, not as JSON text: plainValue turns a value into a
// tree that maps one to one onto JavaScript values, with the shape that
// encoding/json.Marshal would give it (json tags, omitempty, sorted map keys,
// MarshalJSON and MarshalText methods), without linking encoding/json's
// encoder, or reading struct fields by reflection, into the WebAssembly
// module. The host tests check that json.Marshal of the tree and of the
// value give the same JSON.

// plainObject is a JavaScript object whose keys keep their order.
type plainObject []plainMember

// plainMember is one key of a plainObject.
type plainMember struct {
	key   string
	value any
}

// rawJSON is the output of a MarshalJSON method, for JSON.parse.
type rawJSON []byte

// plainer is implemented by this package's types: plain_gen.go, written by
// go generate, gives each its JavaScript form without reflection.
type plainer interface {
	plain() (any, error)
}

// plainValue converts v into nil, bool, float64, string, []any,
// plainObject or rawJSON values. It takes this package's types, basic
// values (of any named type) but float32, slices, arrays and maps with
// string keys of such values, json.RawMessage and anything with a
// MarshalText method (time.Time, for example). Other types (structs of
// other packages in a Config, say) are an error, since reading their fields
// would need reflection; so are MarshalJSON methods, since calling them
// through json.Marshaler would keep every such method of every type in the
// module (time.Time's included). Pass maps, or a json.RawMessage made with
// MarshalJSON.
// With the tag externalapi_stdjson (stdJSON), it is json.Marshal's output
// instead, and every value json.Marshal takes is taken.
func plainValue(v any) (any, error) {
	if stdJSON {
		b, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		return rawJSON(b), nil
	}
	return plainAny(v)
}

func plainAny(v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	rv := reflect.ValueOf(v)
	if (rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Map) && rv.IsNil() {
		return nil, nil // as encoding/json writes a nil pointer or map
	}
	switch v := v.(type) {
	case plainer:
		return v.plain()
	case json.RawMessage:
		return rawJSON(v), nil
	case encoding.TextMarshaler:
		b, err := v.MarshalText()
		if err != nil {
			return nil, fmt.Errorf("%T.MarshalText: %w", v, err)
		}
		return string(b), nil
	case []any:
		return plainSlice(v, plainAny)
	case []string:
		return plainSlice(v, func(s string) (any, error) { return s, nil })
	case map[string]any:
		return plainMapOf(v, plainAny)
	case map[string]string:
		return plainMapOf(v, func(s string) (any, error) { return s, nil })
	case []Invitee: // Options.Invitees and Invite's argument
		return plainSlice(v, Invitee.plain)
	}
	// Basic kinds, named or not: only the kind is read, not fields.
	switch rv.Kind() {
	case reflect.String:
		return rv.String(), nil
	case reflect.Bool:
		return rv.Bool(), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(rv.Int()), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return float64(rv.Uint()), nil
	case reflect.Float64:
		return plainFloat(rv.Float())
	case reflect.Slice, reflect.Array:
		// Lists of any element type ([]map[string]any in a Config, say):
		// the elements are read by index, not by field.
		if rv.Kind() == reflect.Slice && rv.IsNil() {
			return nil, nil
		}
		out := make([]any, rv.Len())
		for i := range out {
			p, err := plainAny(rv.Index(i).Interface())
			if err != nil {
				return nil, err
			}
			out[i] = p
		}
		return out, nil
	case reflect.Map:
		if rv.Type().Key().Kind() != reflect.String {
			break
		}
		m := make(map[string]any, rv.Len())
		for it := rv.MapRange(); it.Next(); {
			m[it.Key().String()] = it.Value().Interface()
		}
		return plainMapOf(m, plainAny)
	}
	return nil, fmt.Errorf("unsupported type %T (use basic values, []any, map[string]any or a json.RawMessage)", v)
}

// plainOK is a plain form that cannot fail.
func plainOK(v any) (any, error) { return v, nil }

// plainFloat refuses what JSON cannot hold.
func plainFloat(f float64) (any, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, fmt.Errorf("unsupported number %v", f)
	}
	return f, nil
}

// plainPointer is the form of *p, or null.
func plainPointer[E any](p *E, f func(*E) (any, error)) (any, error) {
	if p == nil {
		return nil, nil
	}
	return f(p)
}

// plainSlice is the list of the elements' forms; a nil slice is null.
func plainSlice[S ~[]E, E any](s S, f func(E) (any, error)) (any, error) {
	if s == nil {
		return nil, nil
	}
	out := make([]any, len(s))
	for i, e := range s {
		p, err := f(e)
		if err != nil {
			return nil, err
		}
		out[i] = p
	}
	return out, nil
}

// plainMapOf is the object of the values' forms, keys sorted as
// encoding/json sorts them; a nil map is null.
func plainMapOf[M ~map[K]E, K ~string, E any](m M, f func(E) (any, error)) (any, error) {
	if m == nil {
		return nil, nil
	}
	out := make(plainObject, 0, len(m))
	for k, e := range m {
		p, err := f(e)
		if err != nil {
			return nil, fmt.Errorf("key %q: %w", string(k), err)
		}
		out = append(out, plainMember{key: string(k), value: p})
	}
	// An insertion sort: maps here are small, and package slices' sort of
	// this element type adds 25 KB of code.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].key < out[j-1].key; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out, nil
}
