package externalapi

import (
	"encoding"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
)

// The browser side hands Go values (command arguments, constructor options)
// to JavaScript as values, not as JSON text: plainValue turns a value into a
// tree that maps one to one onto JavaScript values, with the shape that
// encoding/json.Marshal would give it (json tags, omitempty, sorted map keys,
// MarshalJSON and MarshalText methods), without linking encoding/json's
// encoder into the WebAssembly module. The host tests check that
// json.Marshal of the tree and of the value give the same JSON.

// plainObject is a JavaScript object whose keys keep their order.
type plainObject []plainMember

// plainMember is one key of a plainObject.
type plainMember struct {
	key   string
	value any
}

// rawJSON is the output of a MarshalJSON method, for JSON.parse.
type rawJSON []byte

// plainValue converts v into nil, bool, float64, string, []any,
// plainObject or rawJSON values.
func plainValue(v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	return plainReflect(reflect.ValueOf(v), 0)
}

// maxPlainDepth bounds the nesting, against cyclic values.
const maxPlainDepth = 1000

var (
	jsonMarshalerType = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

func plainReflect(v reflect.Value, depth int) (any, error) {
	if depth > maxPlainDepth {
		return nil, fmt.Errorf("value nested more than %d levels deep (a cycle?)", maxPlainDepth)
	}
	if !v.IsValid() {
		return nil, nil
	}
	t := v.Type()
	if t.Implements(jsonMarshalerType) {
		if (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && v.IsNil() {
			return nil, nil
		}
		b, err := v.Interface().(json.Marshaler).MarshalJSON()
		if err != nil {
			return nil, fmt.Errorf("%s.MarshalJSON: %w", t, err)
		}
		return rawJSON(b), nil
	}
	if t.Implements(textMarshalerType) {
		if (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && v.IsNil() {
			return nil, nil
		}
		b, err := v.Interface().(encoding.TextMarshaler).MarshalText()
		if err != nil {
			return nil, fmt.Errorf("%s.MarshalText: %w", t, err)
		}
		return string(b), nil
	}
	switch v.Kind() {
	case reflect.Bool:
		return v.Bool(), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(v.Int()), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return float64(v.Uint()), nil
	case reflect.Float32, reflect.Float64:
		f := v.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, fmt.Errorf("unsupported number %v", f)
		}
		if v.Kind() == reflect.Float32 {
			// as encoding/json writes it: the shortest decimal of the float32
			f, _ = strconv.ParseFloat(strconv.FormatFloat(f, 'g', -1, 32), 64)
		}
		return f, nil
	case reflect.String:
		return v.String(), nil
	case reflect.Interface, reflect.Pointer:
		if v.IsNil() {
			return nil, nil
		}
		return plainReflect(v.Elem(), depth+1)
	case reflect.Slice:
		if v.IsNil() {
			return nil, nil
		}
		if t.Elem().Kind() == reflect.Uint8 && !t.Elem().Implements(jsonMarshalerType) && !t.Elem().Implements(textMarshalerType) {
			return base64.StdEncoding.EncodeToString(v.Bytes()), nil
		}
		return plainList(v, depth)
	case reflect.Array:
		return plainList(v, depth)
	case reflect.Map:
		if v.IsNil() {
			return nil, nil
		}
		return plainMap(v, depth)
	case reflect.Struct:
		return plainStruct(v, depth)
	}
	return nil, fmt.Errorf("unsupported type %s", t)
}

func plainList(v reflect.Value, depth int) (any, error) {
	out := make([]any, v.Len())
	for i := range out {
		e, err := plainReflect(v.Index(i), depth+1)
		if err != nil {
			return nil, err
		}
		out[i] = e
	}
	return out, nil
}

func plainMap(v reflect.Value, depth int) (any, error) {
	kt := v.Type().Key()
	out := make(plainObject, 0, v.Len())
	iter := v.MapRange()
	for iter.Next() {
		var key string
		k := iter.Key()
		switch {
		case kt.Kind() == reflect.String:
			key = k.String()
		case kt.Implements(textMarshalerType):
			b, err := k.Interface().(encoding.TextMarshaler).MarshalText()
			if err != nil {
				return nil, err
			}
			key = string(b)
		case k.CanInt():
			key = strconv.FormatInt(k.Int(), 10)
		case k.CanUint():
			key = strconv.FormatUint(k.Uint(), 10)
		default:
			return nil, fmt.Errorf("unsupported map key type %s", kt)
		}
		e, err := plainReflect(iter.Value(), depth+1)
		if err != nil {
			return nil, err
		}
		out = append(out, plainMember{key: key, value: e})
	}
	// encoding/json sorts the keys. An insertion sort: maps here are small,
	// and package slices' sort of this element type adds 25 KB of code.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].key < out[j-1].key; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out, nil
}

// plainStruct follows encoding/json's field rules for the common cases:
// exported fields, json tag names, "-", omitempty, omitzero, and the
// fields of untagged embedded structs in place (a field of the outer struct
// wins over an embedded one of the same name).
func plainStruct(v reflect.Value, depth int) (any, error) {
	t := v.Type()
	outer := map[string]bool{}
	for i := range t.NumField() {
		if sf := t.Field(i); !sf.Anonymous && sf.IsExported() {
			name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
			if name == "" {
				name = sf.Name
			}
			outer[name] = true
		}
	}
	out := plainObject{}
	seen := map[string]bool{}
	for i := range t.NumField() {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		fv := v.Field(i)
		if sf.Anonymous && name == "" {
			if fv.Kind() == reflect.Pointer && fv.Type().Elem().Kind() == reflect.Struct {
				if fv.IsNil() {
					continue
				}
				fv = fv.Elem()
			}
			if fv.Kind() == reflect.Struct {
				inner, err := plainStruct(fv, depth+1)
				if err != nil {
					return nil, err
				}
				for _, m := range inner.(plainObject) {
					if !outer[m.key] && !seen[m.key] {
						seen[m.key] = true
						out = append(out, m)
					}
				}
				continue
			}
		}
		if !sf.IsExported() {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		opt := "," + opts + ","
		if strings.Contains(opt, ",string,") {
			return nil, fmt.Errorf("field %s: the json string option is not supported", sf.Name)
		}
		if strings.Contains(opt, ",omitempty,") && emptyValue(fv) || strings.Contains(opt, ",omitzero,") && fv.IsZero() {
			continue
		}
		e, err := plainReflect(fv, depth+1)
		if err != nil {
			return nil, fmt.Errorf("field %s: %w", sf.Name, err)
		}
		seen[name] = true
		out = append(out, plainMember{key: name, value: e})
	}
	return out, nil
}

// emptyValue is encoding/json's omitempty rule.
func emptyValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}
