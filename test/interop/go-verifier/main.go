// Command go-verifier checks the compliance engine's transparency log with Go's own
// implementations, golang.org/x/mod/sumdb/note and golang.org/x/mod/sumdb/tlog: the signed
// checkpoints, the tree recomputed from the leaf bytes, the inclusion and consistency proofs,
// and the witnesses' cosignatures (C2SP tlog-cosignature, checked with crypto/ed25519, since
// sumdb/note predates them). It reads a fixture written by test/interop/go-interop.spec.ts and
// exits non-zero, saying why, at the first thing that does not verify.
package main

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type proof struct {
	LeafIndex int64    `json:"leafIndex"`
	TreeSize  int64    `json:"treeSize"`
	Hashes    []string `json:"hashes"`
}

type fixture struct {
	VerifierKey string   `json:"verifierKey"`
	WitnessKey  string   `json:"witnessKey"`
	Checkpoints []string `json:"checkpoints"`
	Leaves      []string `json:"leaves"`
	Inclusion   []proof  `json:"inclusion"`
	Consistency struct {
		From   int64    `json:"from"`
		To     int64    `json:"to"`
		Hashes []string `json:"hashes"`
	} `json:"consistency"`
}

type checkpoint struct {
	origin string
	size   int64
	root   tlog.Hash
}

func main() {
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "FAIL:", err)
		os.Exit(1)
	}
}

func run(path string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var f fixture
	if err := json.Unmarshal(raw, &f); err != nil {
		return err
	}
	verifier, err := note.NewVerifier(f.VerifierKey)
	if err != nil {
		return fmt.Errorf("verifier key: %v", err)
	}
	checkpoints := map[int64]checkpoint{}
	for i, text := range f.Checkpoints {
		n, err := note.Open([]byte(text), note.VerifierList(verifier))
		if err != nil {
			return fmt.Errorf("note.Open: %v", err)
		}
		c, err := parseCheckpoint(n.Text)
		if err != nil {
			return err
		}
		if c.origin != verifier.Name() {
			return fmt.Errorf("checkpoint of %s signed by %s", c.origin, verifier.Name())
		}
		cosigned, err := checkCosignatures(f.WitnessKey, n)
		if err != nil {
			return err
		}
		if f.WitnessKey != "" && i == len(f.Checkpoints)-1 && cosigned == 0 {
			return fmt.Errorf("the latest checkpoint carries no cosignature of the witness")
		}
		checkpoints[c.size] = c
		fmt.Printf("ok checkpoint %s %d %s (note.Open; %d cosignature(s) verified)\n", c.origin, c.size, c.root, cosigned)
	}

	// the whole tree again, from the leaf bytes, by tlog's own stored-hash arithmetic
	var stored []tlog.Hash
	reader := tlog.HashReaderFunc(func(indexes []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(indexes))
		for i, index := range indexes {
			out[i] = stored[index]
		}
		return out, nil
	})
	leafHashes := make([]tlog.Hash, len(f.Leaves))
	for i, leaf := range f.Leaves {
		data, err := base64.StdEncoding.DecodeString(leaf)
		if err != nil {
			return err
		}
		leafHashes[i] = tlog.RecordHash(data)
		hashes, err := tlog.StoredHashes(int64(i), data, reader)
		if err != nil {
			return err
		}
		stored = append(stored, hashes...)
	}
	for size, c := range checkpoints {
		root, err := tlog.TreeHash(size, reader)
		if err != nil {
			return err
		}
		if root != c.root {
			return fmt.Errorf("tlog.TreeHash of the first %d leaves is %s, the checkpoint says %s", size, root, c.root)
		}
		fmt.Printf("ok tlog.TreeHash(%d) equals the checkpoint's root\n", size)
	}

	for _, p := range f.Inclusion {
		c, ok := checkpoints[p.TreeSize]
		if !ok {
			return fmt.Errorf("no checkpoint of size %d", p.TreeSize)
		}
		hashes, err := decodeHashes(p.Hashes)
		if err != nil {
			return err
		}
		if err := tlog.CheckRecord(tlog.RecordProof(hashes), p.TreeSize, c.root, p.LeafIndex, leafHashes[p.LeafIndex]); err != nil {
			return fmt.Errorf("tlog.CheckRecord of leaf %d in %d: %v", p.LeafIndex, p.TreeSize, err)
		}
		if len(hashes) > 0 {
			bad := append(tlog.RecordProof{}, hashes...)
			bad[0][0] ^= 1
			if tlog.CheckRecord(bad, p.TreeSize, c.root, p.LeafIndex, leafHashes[p.LeafIndex]) == nil {
				return fmt.Errorf("a damaged proof of leaf %d verified", p.LeafIndex)
			}
		}
		fmt.Printf("ok tlog.CheckRecord leaf %d in %d\n", p.LeafIndex, p.TreeSize)
	}

	old, newer := checkpoints[f.Consistency.From], checkpoints[f.Consistency.To]
	hashes, err := decodeHashes(f.Consistency.Hashes)
	if err != nil {
		return err
	}
	if err := tlog.CheckTree(tlog.TreeProof(hashes), newer.size, newer.root, old.size, old.root); err != nil {
		return fmt.Errorf("tlog.CheckTree %d -> %d: %v", old.size, newer.size, err)
	}
	fmt.Printf("ok tlog.CheckTree %d -> %d\n", old.size, newer.size)
	return nil
}

// parseCheckpoint reads a C2SP tlog-checkpoint body: origin, size, base64 root hash.
func parseCheckpoint(text string) (checkpoint, error) {
	lines := strings.Split(text, "\n")
	if len(lines) != 4 || lines[3] != "" {
		return checkpoint{}, fmt.Errorf("not a three-line checkpoint: %q", text)
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil {
		return checkpoint{}, err
	}
	root, err := tlog.ParseHash(lines[2])
	if err != nil {
		return checkpoint{}, err
	}
	return checkpoint{origin: lines[0], size: size, root: root}, nil
}

// checkCosignatures verifies, by the C2SP tlog-cosignature text, every signature line of the
// witness key on the note; note.Open left them unverified, as it must for a key it does not know.
func checkCosignatures(witnessKey string, n *note.Note) (int, error) {
	if witnessKey == "" {
		return 0, nil
	}
	parts := strings.SplitN(witnessKey, "+", 3)
	key, err := base64.StdEncoding.DecodeString(parts[2])
	if err != nil || len(key) != 33 || key[0] != 0x04 {
		return 0, fmt.Errorf("witness key: not a cosignature/v1 Ed25519 key")
	}
	id := sha256.Sum256(append(append([]byte(parts[0]+"\n"), 0x04), key[1:]...))
	verified := 0
	for _, sig := range n.UnverifiedSigs {
		if sig.Name != parts[0] || sig.Hash != binary.BigEndian.Uint32(id[:4]) {
			continue
		}
		raw, err := base64.StdEncoding.DecodeString(sig.Base64)
		if err != nil || len(raw) != 4+8+64 {
			return 0, fmt.Errorf("cosignature of %s: malformed", sig.Name)
		}
		time := binary.BigEndian.Uint64(raw[4:12])
		message := []byte(fmt.Sprintf("cosignature/v1\ntime %d\n%s", time, n.Text))
		if !ed25519.Verify(ed25519.PublicKey(key[1:]), message, raw[12:]) {
			return 0, fmt.Errorf("cosignature of %s does not verify", sig.Name)
		}
		verified++
	}
	return verified, nil
}

func decodeHashes(list []string) ([]tlog.Hash, error) {
	hashes := make([]tlog.Hash, len(list))
	for i, text := range list {
		h, err := tlog.ParseHash(text)
		if err != nil {
			return nil, err
		}
		hashes[i] = h
	}
	return hashes, nil
}
