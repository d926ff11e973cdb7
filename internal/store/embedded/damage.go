package embedded

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"runtime/debug"
)

// DamagedError is a data file that cannot be read safely: cut short (a
// full disk, a copy that stopped half way) or overwritten. bbolt reads its
// file through a memory map, and a page past the end of the file kills the
// process with SIGBUS; Open refuses such a file with this error instead.
type DamagedError struct {
	Path    string
	Problem string
}

func (e *DamagedError) Error() string {
	return fmt.Sprintf("the data file %s is damaged: %s; restore it from a backup or export", e.Path, e.Problem)
}

// The layout of bbolt's meta pages (go.etcd.io/bbolt/internal/common): a
// 16-byte page header, then magic, version, page size, flags (uint32 each),
// the root bucket (page id, sequence), the freelist's page id, the high
// water mark (pgid: the number of pages in use), the txid and an FNV-64a
// checksum of everything before it. Pages 0 and 1 each hold one; bbolt
// uses the valid one with the higher txid.
const (
	boltMagic         = 0xED0CDAED
	boltVersion       = 2
	pageHeaderSize    = 16
	metaChecksumAt    = 56 // offset of the checksum inside the meta
	metaSize          = metaChecksumAt + 8
	metaPageSizeAt    = 8
	metaHighWaterAt   = 40
	firstMetaReadSize = 0x1000
)

// boltMeta is what checkFile needs of one meta page.
type boltMeta struct {
	pageSize  int64
	highWater int64 // pages in use: the file must hold pageSize * highWater bytes
}

// parseMeta reads the meta page at the start of buf; ok is false when it
// is not a valid one (wrong magic, version or checksum).
func parseMeta(buf []byte) (boltMeta, bool) {
	if len(buf) < pageHeaderSize+metaSize {
		return boltMeta{}, false
	}
	m := buf[pageHeaderSize : pageHeaderSize+metaSize]
	// bbolt writes its meta in the machine's byte order.
	le := binary.NativeEndian
	if le.Uint32(m) != boltMagic || le.Uint32(m[4:]) != boltVersion {
		return boltMeta{}, false
	}
	h := fnv.New64a()
	_, _ = h.Write(m[:metaChecksumAt])
	if h.Sum64() != le.Uint64(m[metaChecksumAt:]) {
		return boltMeta{}, false
	}
	return boltMeta{pageSize: int64(le.Uint32(m[metaPageSizeAt:])), highWater: int64(le.Uint64(m[metaHighWaterAt:]))}, true
}

// checkFile checks an existing, non-empty data file against its meta
// pages before bbolt maps it: the file must hold every page the meta
// pages say are in use, or reading them would fault. It finds the meta
// pages where bbolt looks for them.
func checkFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("opening the data file %s: %w", path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("opening the data file %s: %w", path, err)
	}
	size := info.Size()
	if size == 0 || info.IsDir() {
		return nil // bbolt makes a new store in an empty file, and refuses a directory
	}
	var readErr error
	read := func(at int64) []byte {
		buf := make([]byte, firstMetaReadSize)
		n, err := f.ReadAt(buf, at)
		if err != nil && !errors.Is(err, io.EOF) && readErr == nil {
			readErr = err
		}
		return buf[:n]
	}
	var metas []boltMeta
	first, ok := parseMeta(read(0))
	if ok {
		metas = append(metas, first)
		if second, ok := parseMeta(read(first.pageSize)); ok {
			metas = append(metas, second)
		}
	} else {
		// As bbolt does when the first meta page is bad: look for the
		// second at every page size it supports.
		for i := range 15 {
			at := int64(1024) << i
			if at >= size-1024 {
				break
			}
			if m, ok := parseMeta(read(at)); ok {
				metas = append(metas, m)
				break
			}
		}
	}
	if readErr != nil {
		return fmt.Errorf("reading the data file %s: %w", path, readErr)
	}
	if len(metas) == 0 {
		return &DamagedError{Path: path, Problem: fmt.Sprintf("it is %s and has no valid header (it is not an ecograph data file, or its start was overwritten)", byteCount(size))}
	}
	var reach int64
	for _, m := range metas {
		reach = max(reach, m.pageSize*max(m.highWater, 2))
	}
	if size < reach {
		return &DamagedError{Path: path, Problem: fmt.Sprintf("it is %s but its pages reach %d bytes", byteCount(size), reach)}
	}
	return nil
}

// guardReads runs f, which reads the mapped file, turning a fault (a page
// of the map that the file no longer backs) or a panic of bbolt's (which
// is how it reports a page it cannot make sense of) into a DamagedError:
// damage that checkFile cannot see must not kill the process with a stack
// dump. Each goroutine that reads the map needs its own guard, as
// SetPanicOnFault is per goroutine.
func guardReads(path string, f func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = recovered(path, r)
		}
	}()
	return f()
}

// recovered is the DamagedError of a panic while reading path.
func recovered(path string, r any) error {
	if _, fault := r.(interface{ Addr() uintptr }); fault {
		return &DamagedError{Path: path, Problem: "a page it refers to is missing from the file (it was cut short or changed while ecograph read it)"}
	}
	return &DamagedError{Path: path, Problem: fmt.Sprintf("reading it failed: %v", r)}
}

func byteCount(n int64) string {
	if n == 1 {
		return "1 byte"
	}
	return fmt.Sprintf("%d bytes", n)
}
