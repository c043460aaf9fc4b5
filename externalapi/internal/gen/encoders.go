package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"path/filepath"
	"reflect"
	"strings"
)

// errSkip marks a type that has no JavaScript form (a function, a mutex...);
// it gets no plain method and plainAny reports it as unsupported.
var errSkip = fmt.Errorf("not a JSON value")

// writeEncoders renders plain_gen.go: a plain method for every named type
// that a caller can hand to the API (command parameters, the parameters of
// its other methods, the fields of Options, and the types these refer to)
// that gives the value's JavaScript form as encoding/json would shape it, so
// that the browser build converts arguments without reflection.
func writeEncoders(g *codecGen, out string, defs definitions) error {
	roots := append([]ast.Expr(nil), g.argTypes...)
	for _, c := range defs.Commands {
		for _, p := range c.Params {
			if f := strings.Fields(p); len(f) >= 2 {
				e, err := parser.ParseExpr(f[1])
				if err != nil {
					return fmt.Errorf("%s: %w", c.Name, err)
				}
				roots = append(roots, e)
			}
		}
	}
	if opts, ok := g.types["Options"].(*ast.StructType); ok {
		for _, f := range opts.Fields.List {
			roots = append(roots, f.Type)
		}
	}
	g.encodable = map[string]bool{}
	var visit func(e ast.Expr)
	visit = func(e ast.Expr) {
		ast.Inspect(e, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok || g.encodable[id.Name] || g.marshalers[id.Name] || !ast.IsExported(id.Name) {
				return true
			}
			if def, ok := g.types[id.Name]; ok {
				g.encodable[id.Name] = true
				visit(def)
			}
			return true
		})
	}
	for _, r := range roots {
		visit(r)
	}
	// Drop the types that cannot be encoded, then those that refer to
	// them, until none is left to drop.
	bodies := map[string]string{}
	for changed := true; changed; {
		changed = false
		for _, name := range sortedKeys(g.exported()) {
			if !g.encodable[name] {
				continue
			}
			code, err := g.plainBody(g.types[name])
			if err == errSkip {
				delete(g.encodable, name)
				changed = true
				continue
			}
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			bodies[name] = code
		}
	}
	var buf bytes.Buffer
	buf.WriteString(header + "package externalapi\n")
	for _, name := range sortedKeys(g.exported()) {
		if g.encodable[name] {
			fmt.Fprintf(&buf, "\n// plain gives the JavaScript form of a %s.\nfunc (v %s) plain() (any, error) {\n%s\n}\n", name, name, bodies[name])
		}
	}
	return writeSource(filepath.Join(out, "plain_gen.go"), buf.Bytes())
}

// exported lists the exported named types.
func (g *codecGen) exported() map[string]string {
	m := map[string]string{}
	for name := range g.types {
		if ast.IsExported(name) {
			m[name] = name
		}
	}
	return m
}

// plainBody returns the statements of the plain method of a type defined
// as def, with the value in v.
func (g *codecGen) plainBody(def ast.Expr) (string, error) {
	if st, ok := def.(*ast.StructType); ok {
		return g.plainStruct(st, "v")
	}
	expr, err := g.plainExpr(def, "v")
	if err != nil {
		return "", err
	}
	return "\treturn " + expr, nil
}

// plainStruct returns statements building a plainObject from the struct
// value named val.
func (g *codecGen) plainStruct(st *ast.StructType, val string) (string, error) {
	tagged := false
	for _, f := range st.Fields.List {
		tagged = tagged || f.Tag != nil && strings.Contains(f.Tag.Value, "json:")
	}
	if !tagged && val == "v" && len(st.Fields.List) > 0 {
		// Only structs with json tags are JSON values here.
		if _, anon := st.Fields.List[0].Type.(*ast.StructType); !anon {
			return "", errSkip
		}
	}
	var b strings.Builder
	b.WriteString("\tout := make(plainObject, 0, " + fmt.Sprint(len(st.Fields.List)) + ")\n")
	for _, f := range st.Fields.List {
		if len(f.Names) == 0 {
			return "", errSkip
		}
		for _, n := range f.Names {
			if !n.IsExported() {
				continue
			}
			key, omitEmpty := n.Name, false
			if f.Tag != nil {
				tag := reflect.StructTag(strings.Trim(f.Tag.Value, "`")).Get("json")
				tagName, opts, _ := strings.Cut(tag, ",")
				if tagName == "-" && opts == "" {
					continue
				}
				if tagName != "" {
					key = tagName
				}
				o := "," + opts + ","
				if strings.Contains(o, ",string,") || strings.Contains(o, ",omitzero,") {
					return "", fmt.Errorf("field %s: unsupported json option", n.Name)
				}
				omitEmpty = strings.Contains(o, ",omitempty,")
			}
			field := val + "." + n.Name
			var expr string
			if inner, ok := f.Type.(*ast.StructType); ok {
				code, err := g.plainStruct(inner, "v")
				if err != nil {
					return "", err
				}
				expr = "func(v " + g.print(inner) + ") (any, error) {\n" + code + "\n}(" + field + ")"
			} else {
				var err error
				if expr, err = g.plainExpr(f.Type, field); err != nil {
					return "", err
				}
			}
			add := fmt.Sprintf("\tif p, err := %s; err != nil {\n\t\treturn nil, err\n\t} else {\n\t\tout = append(out, plainMember{key: %q, value: p})\n\t}\n", expr, key)
			if omitEmpty {
				cond, err := g.nonEmpty(f.Type, field)
				if err != nil {
					return "", err
				}
				if cond != "" {
					add = "\tif " + cond + " {\n" + add + "\t}\n"
				}
			}
			b.WriteString(add)
		}
	}
	b.WriteString("\treturn out, nil")
	return b.String(), nil
}

// kind returns the predeclared kind under e: "string", "bool", "float64",
// "int"... or "" for composite types.
func (g *codecGen) kind(e ast.Expr) string {
	id, ok := e.(*ast.Ident)
	if !ok {
		return ""
	}
	if _, ok := basicReaders[id.Name]; ok || id.Name == "float32" || strings.HasPrefix(id.Name, "uint") {
		return id.Name
	}
	if under, ok := g.types[id.Name].(*ast.Ident); ok {
		return g.kind(under)
	}
	return ""
}

// nonEmpty returns the condition under which omitempty keeps a field.
func (g *codecGen) nonEmpty(e ast.Expr, val string) (string, error) {
	switch k := g.kind(e); {
	case k == "string":
		return val + ` != ""`, nil
	case k == "bool":
		return val, nil
	case k != "":
		return val + " != 0", nil
	}
	switch t := e.(type) {
	case *ast.StarExpr, *ast.InterfaceType:
		return val + " != nil", nil
	case *ast.ArrayType, *ast.MapType:
		return "len(" + val + ") > 0", nil
	case *ast.SelectorExpr:
		if g.print(t) == "json.RawMessage" {
			return "len(" + val + ") > 0", nil
		}
	case *ast.Ident:
		if t.Name == "any" {
			return val + " != nil", nil
		}
		switch g.types[t.Name].(type) {
		case *ast.ArrayType, *ast.MapType:
			return "len(" + val + ") > 0", nil
		case *ast.StructType:
			return "", nil // encoding/json never omits a struct
		}
	}
	return "", fmt.Errorf("omitempty on %s is not supported", g.print(e))
}

// plainExpr returns an expression of type (any, error) giving the
// JavaScript form of val, of type e.
func (g *codecGen) plainExpr(e ast.Expr, val string) (string, error) {
	switch k := g.kind(e); k {
	case "string", "bool":
		return "plainOK(" + k + "(" + val + "))", nil
	case "":
	default:
		return "plainOK(float64(" + val + "))", nil
	}
	switch t := e.(type) {
	case *ast.Ident:
		if t.Name == "any" {
			return "plainAny(" + val + ")", nil
		}
		if g.marshalers[t.Name] {
			return "plainAny(" + val + ")", nil
		}
		if g.encodable[t.Name] {
			return val + ".plain()", nil
		}
	case *ast.InterfaceType:
		if len(t.Methods.List) == 0 {
			return "plainAny(" + val + ")", nil
		}
	case *ast.SelectorExpr:
		if g.print(t) == "json.RawMessage" {
			return "plainAny(" + val + ")", nil
		}
	case *ast.StarExpr:
		inner, err := g.plainExpr(t.X, "(*p)")
		if err != nil {
			return "", err
		}
		return "plainPointer(" + val + ", func(p *" + g.print(t.X) + ") (any, error) { return " + inner + " })", nil
	case *ast.ArrayType:
		if t.Len == nil {
			inner, err := g.plainExpr(t.Elt, "e")
			if err != nil {
				return "", err
			}
			if g.kind(t.Elt) == "uint8" {
				return "", errSkip
			}
			return "plainSlice(" + val + ", func(e " + g.print(t.Elt) + ") (any, error) { return " + inner + " })", nil
		}
	case *ast.MapType:
		if g.kind(t.Key) != "string" {
			return "", errSkip
		}
		inner, err := g.plainExpr(t.Value, "e")
		if err != nil {
			return "", err
		}
		return "plainMapOf(" + val + ", func(e " + g.print(t.Value) + ") (any, error) { return " + inner + " })", nil
	}
	return "", errSkip
}
