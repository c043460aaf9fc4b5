package sharedcache

import (
	"context"
	"testing"
	"time"
)

func TestMemoryKeepsValuesUntilTheyExpire(t *testing.T) {
	ctx := context.Background()
	now := time.Unix(1000, 0)
	m := NewMemory(10)
	m.now = func() time.Time { return now }
	if err := m.Set(ctx, "k", []byte("v"), time.Minute); err != nil {
		t.Fatal(err)
	}
	if v, ok, err := m.Get(ctx, "k"); err != nil || !ok || string(v) != "v" {
		t.Fatalf("Get = %q %v %v", v, ok, err)
	}
	now = now.Add(time.Minute)
	if _, ok, _ := m.Get(ctx, "k"); ok {
		t.Fatal("an expired value was returned")
	}
	if m.Len() != 0 {
		t.Fatalf("Len = %d after the expired entry was read", m.Len())
	}
	if err := m.Set(ctx, "k", []byte("v"), 0); err == nil {
		t.Fatal("a zero ttl was accepted")
	}
}

func TestMemoryIsBoundedAndDropsTheLeastRecentlyUsed(t *testing.T) {
	ctx := context.Background()
	m := NewMemory(2)
	_ = m.Set(ctx, "a", []byte("1"), time.Hour)
	_ = m.Set(ctx, "b", []byte("2"), time.Hour)
	_, _, _ = m.Get(ctx, "a") // a is now the most recently used
	_ = m.Set(ctx, "c", []byte("3"), time.Hour)
	if m.Len() != 2 {
		t.Fatalf("Len = %d, want the bound 2", m.Len())
	}
	if _, ok, _ := m.Get(ctx, "b"); ok {
		t.Fatal("b, the least recently used, was kept")
	}
	for _, k := range []string{"a", "c"} {
		if _, ok, _ := m.Get(ctx, k); !ok {
			t.Fatalf("%s was dropped", k)
		}
	}
	_ = m.Delete(ctx, "a")
	if _, ok, _ := m.Get(ctx, "a"); ok {
		t.Fatal("a survived Delete")
	}
}

func TestMemoryReturnsCopies(t *testing.T) {
	ctx := context.Background()
	m := NewMemory(1)
	in := []byte("abc")
	_ = m.Set(ctx, "k", in, time.Hour)
	in[0] = 'X'
	v, _, _ := m.Get(ctx, "k")
	v[1] = 'Y'
	if w, _, _ := m.Get(ctx, "k"); string(w) != "abc" {
		t.Fatalf("stored value changed to %q through a caller's slice", w)
	}
}

func TestMemoryAddStoresOnlyAnAbsentKey(t *testing.T) {
	ctx := context.Background()
	now := time.Unix(1000, 0)
	m := NewMemory(10)
	m.now = func() time.Time { return now }
	if added, err := m.Add(ctx, "k", []byte("first"), time.Minute); err != nil || !added {
		t.Fatalf("Add of an absent key = %v, %v", added, err)
	}
	if added, err := m.Add(ctx, "k", []byte("second"), time.Minute); err != nil || added {
		t.Fatalf("Add of a present key = %v, %v", added, err)
	}
	if v, _, _ := m.Get(ctx, "k"); string(v) != "first" {
		t.Fatalf("the value is %q, want the first one", v)
	}
	now = now.Add(time.Minute)
	if added, _ := m.Add(ctx, "k", []byte("third"), time.Minute); !added {
		t.Fatal("Add over an expired value did not store")
	}
	if v, _, _ := m.Get(ctx, "k"); string(v) != "third" {
		t.Fatalf("the value is %q after the expired one was replaced", v)
	}
	if _, err := m.Add(ctx, "z", []byte("v"), 0); err == nil {
		t.Fatal("a zero ttl was accepted")
	}
}

func TestMemoryDeleteIfRemovesOnlyTheGivenValue(t *testing.T) {
	ctx := context.Background()
	now := time.Unix(1000, 0)
	m := NewMemory(10)
	m.now = func() time.Time { return now }
	if deleted, err := m.DeleteIf(ctx, "k", []byte("mine")); err != nil || deleted {
		t.Fatalf("DeleteIf of a missing key = %v, %v", deleted, err)
	}
	_, _ = m.Add(ctx, "k", []byte("theirs"), time.Minute)
	if deleted, _ := m.DeleteIf(ctx, "k", []byte("mine")); deleted {
		t.Fatal("DeleteIf removed another value")
	}
	if v, ok, _ := m.Get(ctx, "k"); !ok || string(v) != "theirs" {
		t.Fatalf("the value is %q %v after DeleteIf of another", v, ok)
	}
	if deleted, _ := m.DeleteIf(ctx, "k", []byte("theirs")); !deleted {
		t.Fatal("DeleteIf did not remove its value")
	}
	if _, ok, _ := m.Get(ctx, "k"); ok {
		t.Fatal("the key survived DeleteIf")
	}
	_, _ = m.Add(ctx, "k", []byte("mine"), time.Minute)
	now = now.Add(time.Minute)
	if deleted, _ := m.DeleteIf(ctx, "k", []byte("mine")); deleted {
		t.Fatal("DeleteIf reported removing an expired value")
	}
}
