package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
)

// codecGen knows the package's types, read from its source, and writes the
// code that moves values between Go and JavaScript without encoding/json's
// reflection: JSON readers (over values parsed by fastjson, with the helpers
// of package jsonvalue) for the event payloads of
// definitions.json and every result type of call and request (this file),
// and the plain forms of argument types (encoders.go).
type codecGen struct {
	fset  *token.FileSet
	types map[string]ast.Expr // named types of the package: name → type expression
	// funcs holds the generated reader functions (of named and of unnamed
	// composite types), vars the key lists of the struct readers.
	funcs, vars map[string]string
	pending     []string   // named types whose reader function is still to write
	results     []ast.Expr // the type arguments of call and request
	// argTypes are the parameter types of the API's hand-written methods.
	argTypes []ast.Expr
	// marshalers have a MarshalJSON method; encodable get a plain method.
	marshalers, encodable map[string]bool
}

// basicReaders maps predeclared kinds to their jsonvalue reader.
var basicReaders = map[string]string{
	"string": "String", "bool": "Bool", "float64": "Float64",
	"int": "Int", "int64": "Int", "int32": "Int", "int16": "Int", "int8": "Int",
}

// newCodecGen reads the named types and the call and request result
// types of the package sources in dir.
func newCodecGen(dir string, defs definitions) (*codecGen, error) {
	g := &codecGen{fset: token.NewFileSet(), types: map[string]ast.Expr{}, funcs: map[string]string{}, vars: map[string]string{}, marshalers: map[string]bool{}}
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") || strings.HasSuffix(name, "_gen.go") {
			continue
		}
		f, err := parser.ParseFile(g.fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.TypeSpec:
				if n.TypeParams == nil {
					g.types[n.Name.Name] = n.Type
				}
			case *ast.FuncDecl:
				if n.Recv != nil && len(n.Recv.List) == 1 && n.Name.IsExported() && g.print(n.Recv.List[0].Type) == "*API" {
					for _, p := range n.Type.Params.List {
						g.argTypes = append(g.argTypes, p.Type)
					}
				}
				if n.Name.Name == "MarshalJSON" && n.Recv != nil && len(n.Recv.List) == 1 {
					if id, ok := n.Recv.List[0].Type.(*ast.Ident); ok {
						g.marshalers[id.Name] = true
					}
				}
			case *ast.IndexExpr:
				if id, ok := n.X.(*ast.Ident); ok && (id.Name == "call" || id.Name == "request") {
					g.results = append(g.results, n.Index)
				}
			}
			return true
		})
	}
	for _, r := range g.results {
		if _, err := g.reader(r); err != nil {
			return nil, fmt.Errorf("result %s: %w", g.print(r), err)
		}
	}
	return g, nil
}

// readerOf is the template function that names the reader of a type.
func (g *codecGen) readerOf(typ string) (string, error) {
	e, err := parser.ParseExpr(typ)
	if err != nil {
		return "", err
	}
	return g.reader(e)
}

// writeDecoders renders decoders_gen.go into out.
func writeDecoders(g *codecGen, out string, defs definitions) error {
	var body bytes.Buffer
	for _, ev := range defs.Events {
		fmt.Fprintf(&body, "\n// read%s reads the payload of %s.\n", ev.Go, ev.Name)
		if ev.Raw {
			fmt.Fprintf(&body, "func read%s(j *fastjson.Value, v *%s) error { return jsonvalue.Raw(j, &v.Payload) }\n", ev.Go, ev.Go)
			continue
		}
		var fields []*ast.Field
		for _, s := range ev.Fields {
			f := strings.Fields(s)
			if len(f) != 3 {
				return fmt.Errorf("%s: bad field %q", ev.Name, s)
			}
			typ, err := parser.ParseExpr(f[1])
			if err != nil {
				return fmt.Errorf("%s: %w", ev.Name, err)
			}
			fields = append(fields, &ast.Field{
				Names: []*ast.Ident{ast.NewIdent(f[0])},
				Type:  typ,
				Tag:   &ast.BasicLit{Kind: token.STRING, Value: "`json:\"" + f[2] + "\"`"},
			})
		}
		code, err := g.structReader(&ast.StructType{Fields: &ast.FieldList{List: fields}}, "fields"+ev.Go)
		if err != nil {
			return fmt.Errorf("%s: %w", ev.Name, err)
		}
		fmt.Fprintf(&body, "func read%s(j *fastjson.Value, v *%s) error {\n\treturn %s\n}\n", ev.Go, ev.Go, code)
	}

	for len(g.pending) > 0 {
		name := g.pending[0]
		g.pending = g.pending[1:]
		code, err := g.namedReader(name)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		g.funcs[name] = code
	}

	var buf bytes.Buffer
	buf.WriteString(header + "//go:build !" + stdJSONTag + "\n\npackage externalapi\n\nimport (\n\t\"encoding/json\"\n\n\t\"github.com/valyala/fastjson\"\n\n\t\"github.com/meetbridge/meetbridge/externalapi/internal/jsonvalue\"\n)\n\n")
	buf.WriteString("// ensure the json import is used even if no type holds raw JSON.\nvar _ json.RawMessage\n\n")
	buf.Write(body.Bytes())
	for _, name := range sortedKeys(g.funcs) {
		buf.WriteString(g.funcs[name])
	}
	if len(g.vars) > 0 {
		buf.WriteString("\n// The JSON keys of each struct's fields, in field order.\nvar (\n")
		for _, name := range sortedKeys(g.vars) {
			fmt.Fprintf(&buf, "\t%s = %s\n", name, g.vars[name])
		}
		buf.WriteString(")\n")
	}
	if err := writeSource(filepath.Join(out, "decoders_gen.go"), buf.Bytes()); err != nil {
		return err
	}
	return writeStdJSONDecoders(out, buf.Bytes())
}

// stdJSONTag is the build tag under which every reader is json.Unmarshal.
const stdJSONTag = "externalapi_stdjson"

// readerFunc matches the signature of a reader in decoders_gen.go.
var readerFunc = regexp.MustCompile(`(?m)^func (read\w+)\(j \*fastjson\.Value, v \*(.+)\) error \{$`)

// writeStdJSONDecoders renders decoders_stdjson_gen.go, which gives every
// reader of decoders (the source of decoders_gen.go) the same name in the
// build with stdJSONTag, as json.Unmarshal.
func writeStdJSONDecoders(out string, decoders []byte) error {
	src, err := format.Source(decoders)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	buf.WriteString(header + "//go:build " + stdJSONTag + "\n\npackage externalapi\n\nimport \"encoding/json\"\n\n")
	buf.WriteString("// The readers of decoders_gen.go, for programs that link encoding/json\n// anyway: each is json.Unmarshal.\n")
	for _, m := range readerFunc.FindAllSubmatch(src, -1) {
		fmt.Fprintf(&buf, "\nfunc %s(data []byte, v *%s) error { return json.Unmarshal(data, v) }\n", m[1], m[2])
	}
	return writeSource(filepath.Join(out, "decoders_stdjson_gen.go"), buf.Bytes())
}

// writeSource writes gofmt-ed Go source.
func writeSource(name string, src []byte) error {
	formatted, err := format.Source(src)
	if err != nil {
		return fmt.Errorf("%s: %w\n%s", name, err, src)
	}
	return os.WriteFile(name, formatted, 0o644)
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// print renders a type expression as Go source.
func (g *codecGen) print(e ast.Expr) string {
	var b bytes.Buffer
	if err := printer.Fprint(&b, g.fset, e); err != nil {
		panic(err)
	}
	return b.String()
}

// reader returns an expression of type jsonvalue.Reader[T] for the type e.
func (g *codecGen) reader(e ast.Expr) (string, error) {
	switch e := e.(type) {
	case *ast.Ident:
		if r, ok := basicReaders[e.Name]; ok {
			return "jsonvalue." + r + "[" + e.Name + "]", nil
		}
		def, ok := g.types[e.Name]
		if !ok {
			return "", fmt.Errorf("unknown type %s", e.Name)
		}
		if under, ok := def.(*ast.Ident); ok {
			if r, ok := basicReaders[under.Name]; ok {
				return "jsonvalue." + r + "[" + e.Name + "]", nil
			}
			return "", fmt.Errorf("type %s of %s is not supported", under.Name, e.Name)
		}
		if _, done := g.funcs[e.Name]; !done {
			g.funcs[e.Name] = ""
			g.pending = append(g.pending, e.Name)
		}
		return "read" + e.Name, nil
	case *ast.SelectorExpr:
		if g.print(e) == "json.RawMessage" {
			return "jsonvalue.Raw[json.RawMessage]", nil
		}
	case *ast.StarExpr:
		return g.composite(e, "Ptr", "jsonvalue.Pointer(j, v, %s)", e.X)
	case *ast.ArrayType:
		if e.Len == nil {
			return g.composite(e, "Slice", "jsonvalue.Slice(j, v, %s)", e.Elt)
		}
	case *ast.MapType:
		key := g.print(e.Key)
		if !g.stringKind(e.Key) {
			return "", fmt.Errorf("map key %s is not a string kind", key)
		}
		return g.composite(e, "Map"+exportName(key), "jsonvalue.Map(j, v, %s)", e.Value)
	}
	return "", fmt.Errorf("type %s is not supported", g.print(e))
}

// composite returns the name of a reader function for e, whose body format
// builds around the reader of elem. (Functions, not package variables: a
// variable's initialiser would link every reader into every program.)
func (g *codecGen) composite(e ast.Expr, prefix, format string, elem ast.Expr) (string, error) {
	inner, err := g.reader(elem)
	if err != nil {
		return "", err
	}
	name := "read" + prefix + exportName(strings.TrimPrefix(g.readerName(elem), "read"))
	g.funcs[name] = fmt.Sprintf("\n// %s reads a %s.\nfunc %s(j *fastjson.Value, v *%s) error {\n\treturn %s\n}\n", name, g.print(e), name, g.print(e), fmt.Sprintf(format, inner))
	return name, nil
}

// readerName names the reader of e for composing variable names.
func (g *codecGen) readerName(e ast.Expr) string {
	s := g.print(e)
	r := strings.NewReplacer("[]", "Slice", "*", "Ptr", "map[", "Map", "]", "", ".", "")
	return "read" + r.Replace(s)
}

// stringKind reports whether e is string or a named string type.
func (g *codecGen) stringKind(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	if !ok {
		return false
	}
	if id.Name == "string" {
		return true
	}
	under, ok := g.types[id.Name].(*ast.Ident)
	return ok && under.Name == "string"
}

// namedReader writes the reader function of a named composite type.
func (g *codecGen) namedReader(name string) (string, error) {
	def := g.types[name]
	var code string
	var err error
	if st, ok := def.(*ast.StructType); ok {
		code, err = g.structReader(st, "fields"+name)
	} else {
		var inner string
		inner, err = g.reader(def)
		code = inner + "(j, (*" + g.print(def) + ")(v))"
	}
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("\n// read%s reads a %s.\nfunc read%s(j *fastjson.Value, v *%s) error {\n\treturn %s\n}\n", name, name, name, name, code), nil
}

// structReader returns a jsonvalue.Struct call reading the struct st into
// the variable v; with namesVar set the key list is a package variable.
func (g *codecGen) structReader(st *ast.StructType, namesVar string) (string, error) {
	var keys, cases []string
	for _, f := range st.Fields.List {
		if len(f.Names) == 0 {
			return "", fmt.Errorf("embedded field %s is not supported", g.print(f.Type))
		}
		for _, n := range f.Names {
			if !n.IsExported() {
				continue
			}
			key := n.Name
			if f.Tag != nil {
				tag := reflect.StructTag(strings.Trim(f.Tag.Value, "`")).Get("json")
				tagName, opts, _ := strings.Cut(tag, ",")
				if tagName == "-" && opts == "" {
					continue
				}
				if strings.Contains(","+opts+",", ",string,") {
					return "", fmt.Errorf("field %s: the string option is not supported", n.Name)
				}
				if tagName != "" {
					key = tagName
				}
			}
			var read string
			if inner, ok := f.Type.(*ast.StructType); ok {
				code, err := g.structReader(inner, "")
				if err != nil {
					return "", err
				}
				read = "{\n\t\tv := &v." + n.Name + "\n\t\treturn " + code + "\n\t}"
			} else {
				r, err := g.reader(f.Type)
				if err != nil {
					return "", fmt.Errorf("field %s: %w", n.Name, err)
				}
				read = "return " + r + "(j, &v." + n.Name + ")"
			}
			cases = append(cases, fmt.Sprintf("\tcase %d:\n\t\t%s\n", len(keys), read))
			keys = append(keys, fmt.Sprintf("%q", key))
		}
	}
	names := "[]string{" + strings.Join(keys, ", ") + "}"
	if namesVar != "" {
		g.vars[namesVar] = names
		names = namesVar
	}
	if len(cases) == 0 {
		return "jsonvalue.Struct(j, nil, func(int, *fastjson.Value) error { return nil })", nil
	}
	return "jsonvalue.Struct(j, " + names + ", func(i int, j *fastjson.Value) error {\n\tswitch i {\n" + strings.Join(cases, "") + "\t}\n\treturn nil\n})", nil
}

// exportName upper-cases the first letter of s.
func exportName(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
