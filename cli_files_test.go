package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ecograph/ecograph/internal/seed"
)

// These tests are about the embedded store's file as users meet it: a
// mistyped --data, a file cut short or damaged, a disk that fills up.

// TestReadOnlyCommandsRefuseAMissingStore: a --data that names no file
// makes stats, export, import --dry-run and reindex fail, saying so and
// creating nothing; import and serve make the file and say they did.
func TestReadOnlyCommandsRefuseAMissingStore(t *testing.T) {
	embeddedOnly(t)
	dir := t.TempDir()
	missing := filepath.Join(dir, "typo", "ecograph.db")
	for _, args := range [][]string{
		{"stats"},
		{"export", "--format", "json"},
		{"export", "--format", "csv", "--out", filepath.Join(dir, "csv")},
		{"import", "--dry-run", seed.FileName},
		{"reindex"},
	} {
		_, errOut, err := runCLI(t, nil, append(args, "--data", missing)...)
		if code := exitCode(err); code != 1 {
			t.Errorf("%v on a missing store: exit status %d, want 1\n%s", args, code, errOut)
		}
		if want := "no data file at " + missing + ":"; !strings.Contains(errOut, want) || !strings.Contains(errOut, "start the server or import first") {
			t.Errorf("%v on a missing store said %q; want %q and how to make one", args, errOut, want)
		}
		if _, err := os.Stat(filepath.Dir(missing)); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("%v on a missing store made its folder (%v)", args, err)
		}
	}

	// An empty file is no store either, for a command that only reads.
	empty := filepath.Join(dir, "empty.db")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, errOut, err := runCLI(t, nil, "stats", "--data", empty); exitCode(err) != 1 || !strings.Contains(errOut, "the data file "+empty+" is empty") {
		t.Errorf("stats on an empty file: %v %q", err, errOut)
	}

	// import makes the store, and says so once.
	_, errOut, err := runCLI(t, nil, "import", "--data", missing, seed.FileName)
	if err != nil || !strings.Contains(errOut, "created a new data file at "+missing) {
		t.Errorf("import into a new store: %v; it said %q, want it to say it created the file", err, errOut)
	}
	_, errOut, err = runCLI(t, nil, "import", "--data", missing, seed.FileName)
	if err != nil || strings.Contains(errOut, "created a new data file") {
		t.Errorf("import into the existing store: %v %q", err, errOut)
	}
	if out, _, err := runCLI(t, nil, "stats", "--data", missing); err != nil || !strings.Contains(out, "actors") {
		t.Errorf("stats on the imported store: %v %q", err, out)
	}
	// import makes a store in an empty file too (bbolt initialises it).
	if _, errOut, err := runCLI(t, nil, "import", "--data", empty, seed.FileName); err != nil || !strings.Contains(errOut, "created a new data file at "+empty) {
		t.Errorf("import into an empty file: %v %q", err, errOut)
	}

	// serve makes its file and logs it.
	data := filepath.Join(dir, "served", "ecograph.db")
	addr := freeAddr(t)
	srv := startProcess(t, cliBinary(t), nil, "serve", "--addr", addr, "--data", data)
	srv.waitReady(t, addr)
	if waitLogLine(srv, "created a new data file at "+data) == "" {
		t.Errorf("serve on a new file did not say it created it:\n%s", srv.out)
	}
}

// exitCode is a finished command's exit status: 0 on success, -1 when it
// did not run or was killed by a signal.
func exitCode(err error) int {
	if err == nil {
		return 0
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode()
	}
	return -1
}

// storeWithSeed makes a real data file holding the seed network, closed.
func storeWithSeed(t *testing.T) (path string, content []byte) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "ecograph.db")
	if _, errOut, err := runCLI(t, nil, "import", "--data", path, seed.FileName); err != nil {
		t.Fatalf("import: %v\n%s", err, errOut)
	}
	content, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, content
}

// boltReach is how far a bbolt file's pages reach, read from its two meta
// pages as bbolt lays them out: after a 16-byte page header, the page size
// at byte 8 of the meta and the count of pages in use at byte 40.
func boltReach(t *testing.T, file []byte) int64 {
	t.Helper()
	pageSize := int64(binary.NativeEndian.Uint32(file[16+8:]))
	var reach int64
	for _, at := range []int64{0, pageSize} {
		reach = max(reach, pageSize*int64(binary.NativeEndian.Uint64(file[at+16+40:])))
	}
	if pageSize < 1024 || reach <= 2*pageSize || reach > int64(len(file)) {
		t.Fatalf("not a bbolt file as this test knows it: page size %d, pages reach %d of %d bytes", pageSize, reach, len(file))
	}
	return reach
}

// wantRefused checks that a command on a damaged file failed cleanly:
// exit status 1, the file named, no stack dump.
func wantRefused(t *testing.T, what string, err error, out, path, problem string) {
	t.Helper()
	if code := exitCode(err); code != 1 {
		t.Errorf("%s: exit status %d, want 1\n%.600s", what, code, out)
	}
	want := "the data file " + path + " is damaged: "
	if !strings.Contains(out, want) || !strings.Contains(out, problem) || !strings.Contains(out, "restore it from a backup or export") {
		t.Errorf("%s said:\n%.600s\nwant %q, %q and what to do", what, out, want, problem)
	}
	for _, crash := range []string{"goroutine ", "SIGBUS", "panic:", "fatal error"} {
		if strings.Contains(out, crash) {
			t.Errorf("%s crashed (%q):\n%.600s", what, crash, out)
		}
	}
}

// TestDataFileCutShortIsRefused: a store file cut short anywhere before
// the end of its pages is refused with exit status 1 and a clear error,
// by the commands and by the server, where it used to die of SIGBUS.
func TestDataFileCutShortIsRefused(t *testing.T) {
	embeddedOnly(t)
	_, full := storeWithSeed(t)
	reach := boltReach(t, full)
	for _, size := range []int64{1, 100, 4095, 4096, 8192, 16 << 10, reach / 2, reach - 4096, reach - 1} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			cut := filepath.Join(t.TempDir(), "cut.db")
			if err := os.WriteFile(cut, full[:size], 0o600); err != nil {
				t.Fatal(err)
			}
			_, errOut, err := runCLI(t, nil, "stats", "--data", cut)
			// Cut inside the second meta page, only the first is seen.
			problem := "but its pages reach "
			switch {
			case size < 16+64:
				problem = "has no valid header"
			case size >= 8192:
				problem = fmt.Sprintf("it is %d bytes but its pages reach %d bytes", size, reach)
			}
			wantRefused(t, "stats", err, errOut, cut, problem)
			if got, _ := os.ReadFile(cut); !bytes.Equal(got, full[:size]) {
				t.Errorf("refusing the file changed it")
			}
		})
	}

	// The server refuses it the same way, and exits.
	cut := filepath.Join(t.TempDir(), "cut.db")
	if err := os.WriteFile(cut, full[:16<<10], 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(cliBinary(t), "serve", "--addr", freeAddr(t), "--data", cut)
	out, err := cmd.CombinedOutput()
	wantRefused(t, "serve", err, string(out), cut, fmt.Sprintf("it is 16384 bytes but its pages reach %d bytes", reach))

	// Past its pages a bbolt file has room it has not used yet: cut there,
	// nothing is lost, and the store opens whole.
	if int64(len(full)) > reach {
		tail := filepath.Join(t.TempDir(), "tail.db")
		if err := os.WriteFile(tail, full[:len(full)-1], 0o600); err != nil {
			t.Fatal(err)
		}
		out, errOut, err := runCLI(t, nil, "stats", "--data", tail)
		if err != nil || !strings.Contains(strings.Join(strings.Fields(out), " "), "actors 15") {
			t.Errorf("a file cut one byte short, past its pages: %v %q %q", err, out, errOut)
		}
	}
}

// TestDamageTheSizeCheckCannotSeeIsRefused: files whose meta pages look
// whole but whose other pages are gone or overwritten are refused cleanly
// while ecograph reads them (a fault or a bbolt panic turned into an
// error), not with SIGBUS or a stack dump.
func TestDamageTheSizeCheckCannotSeeIsRefused(t *testing.T) {
	embeddedOnly(t)
	_, full := storeWithSeed(t)
	pageSize := int(binary.NativeEndian.Uint32(full[16+8:]))
	reach := int(boltReach(t, full))
	for _, tc := range []struct {
		name    string
		damage  func(b []byte) []byte
		problem string
	}{
		{
			// Both meta pages claim 4 pages in use, and the file is cut
			// there: the size check passes, the pages it points to are gone.
			name: "meta pages lie about the size",
			damage: func(b []byte) []byte {
				for _, at := range []int{0, pageSize} {
					m := b[at+16 : at+16+64]
					binary.NativeEndian.PutUint64(m[40:], 4)
					binary.NativeEndian.PutUint64(m[56:], fnv64a(m[:56]))
				}
				return b[:4*pageSize]
			},
			problem: "a page it refers to is missing from the file",
		},
		{
			name: "pages overwritten with zeros",
			damage: func(b []byte) []byte {
				clear(b[2*pageSize : reach])
				return b
			},
			problem: "reading it failed",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "damaged.db")
			if err := os.WriteFile(path, tc.damage(bytes.Clone(full)), 0o600); err != nil {
				t.Fatal(err)
			}
			_, errOut, err := runCLI(t, nil, "stats", "--data", path)
			wantRefused(t, "stats", err, errOut, path, tc.problem)
		})
	}
}

// fnv64a is the checksum bbolt keeps of each meta page.
func fnv64a(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// TestDiskFull: on a full disk a write fails with UNAVAILABLE, the server
// logs it at ERROR with the OS error, /readyz answers 503 saying why, and
// reads go on; once there is room, the next write succeeds and /readyz
// answers 200 again. It needs a small tmpfs, which needs root: in CI
// (CI=true) it fails without one, elsewhere it skips.
func TestDiskFull(t *testing.T) {
	embeddedOnly(t)
	bin := cliBinary(t)
	dir := smallTmpfs(t, "2m")
	data := filepath.Join(dir, "ecograph.db")
	addr := freeAddr(t)
	srv := startProcess(t, bin, []string{"ECOGRAPH_API_KEYS=" + testKey}, "serve", "--addr", addr, "--data", data)
	srv.waitReady(t, addr)

	// Fill what room is left.
	blocker := filepath.Join(dir, "blocker")
	fillDisk(t, blocker)

	// Write until a write fails: bbolt may first reuse pages it freed.
	var failed map[string]any
	acked := 0
	for i := range 500 {
		r := srv.mutate(t, `mutation($name: String!) { createActor(input: {kind: STARTUP, name: $name}) { id } }`,
			map[string]any{"name": fmt.Sprintf("Startup %d %s", i, strings.Repeat("x", 200))})
		if r["errors"] != nil {
			failed = r
			break
		}
		acked++
	}
	if failed == nil {
		t.Fatal("500 writes on a full disk all succeeded")
	}
	msg := fmt.Sprint(failed["errors"])
	if !strings.Contains(msg, "code:UNAVAILABLE") || strings.Contains(msg, dir) || strings.Contains(msg, "no space") {
		t.Errorf("the failed write answered %s; want UNAVAILABLE, naming no file or OS error", msg)
	}
	if line := waitLogLine(srv, "level=ERROR"); !strings.Contains(line, "no space left on device") || !strings.Contains(line, "createActor") {
		t.Errorf("no ERROR log line with the OS error; the log:\n%s", srv.out)
	}
	status, body := getReadyz(t, addr)
	if status != http.StatusServiceUnavailable || body["reason"] != "the last write failed: no space left on device" {
		t.Errorf("/readyz after the failed write: %d %v; want 503 with the reason", status, body)
	}
	if got := srv.query(t, `{ actor(id: "soonchunhyang-university") { name } }`); fmt.Sprint(got["data"]) != "map[actor:map[name:Soonchunhyang University]]" {
		t.Errorf("a read on the full disk: %v", got)
	}

	// Room again: the server finds out by itself (a load balancer sends no
	// write to a server that is not ready), and the next write succeeds.
	if err := os.Remove(blocker); err != nil {
		t.Fatal(err)
	}
	ready := false
	for deadline := time.Now().Add(5 * time.Second); !ready && time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		status, _ := getReadyz(t, addr)
		ready = status == http.StatusOK
	}
	if !ready {
		t.Errorf("/readyz stayed 503 once there was room again")
	}
	r := srv.mutate(t, `mutation { createActor(input: {kind: STARTUP, name: "After the disk was freed"}) { id } }`, nil)
	if r["errors"] != nil {
		t.Fatalf("a write once there is room again: %v", r["errors"])
	}
	acked++
	if status, body := getReadyz(t, addr); status != http.StatusOK {
		t.Errorf("/readyz once a write succeeded again: %d %v", status, body)
	}
	want := fmt.Sprintf("map[actors:map[totalCount:%d]]", 15+acked)
	if got := srv.query(t, `{ actors { totalCount } }`); fmt.Sprint(got["data"]) != want {
		t.Errorf("after %d acknowledged writes the server holds %v, want %s", acked, got["data"], want)
	}

	// Every acknowledged write, and nothing of the failed one, is in the
	// file the next server opens.
	if err := srv.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := srv.cmd.Wait(); err != nil {
		t.Fatalf("exit after SIGTERM: %v\n%s", err, srv.out)
	}
	addr = freeAddr(t)
	again := startProcess(t, bin, nil, "serve", "--addr", addr, "--data", data)
	again.waitReady(t, addr)
	if got := again.query(t, `{ actors { totalCount } }`); fmt.Sprint(got["data"]) != want {
		t.Errorf("after a restart the file holds %v, want %s", got["data"], want)
	}
}

// TestImportOnAFullDisk: an import that fills the disk says why it
// stopped, with the OS error, and how to finish.
func TestImportOnAFullDisk(t *testing.T) {
	embeddedOnly(t)
	file := filepath.Join(t.TempDir(), "big.json")
	if _, errOut, err := runCLI(t, nil, "generate", "--actors", "3000", "--relations", "6000", "--out", file); err != nil {
		t.Fatalf("generate: %v\n%s", err, errOut)
	}
	data := filepath.Join(smallTmpfs(t, "1m"), "ecograph.db")
	_, errOut, err := runCLI(t, nil, "import", "--data", data, file)
	if exitCode(err) != 1 {
		t.Fatalf("import onto a full disk: %v\n%s", err, errOut)
	}
	for _, want := range []string{"the import stopped after writing", "no space left on device", "importing the same files again finishes the job"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("import onto a full disk said:\n%s\nwant it to say %q", errOut, want)
		}
	}
}

// smallTmpfs mounts a tmpfs of size on a new folder for the test and
// unmounts it when the test ends (after the processes that use it stop).
func smallTmpfs(t *testing.T, size string) string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		msg := fmt.Sprintf("cannot mount a %s tmpfs (needs root): %v %s", size, err, bytes.TrimSpace(out))
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v %s", dir, err, out)
		}
	})
	return dir
}

// fillDisk writes path until the disk is full.
func fillDisk(t *testing.T, path string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := bytes.Repeat([]byte{0xEC}, 64<<10)
	for {
		if _, err := f.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			break
		}
	}
	// Single bytes: the last chunk may have left a partial block.
	for {
		if _, err := f.Write([]byte{0}); err != nil {
			break
		}
	}
}

// mutate posts a mutation with the test's API key.
func (p *process) mutate(t *testing.T, q string, vars map[string]any) map[string]any {
	t.Helper()
	return p.post(t, q, vars, testKey)
}

func getReadyz(t *testing.T, addr string) (int, map[string]any) {
	t.Helper()
	resp, err := http.Get("http://" + addr + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&body)
	return resp.StatusCode, body
}

// waitLogLine is the first line of p's log holding want, waiting a little
// for it: the log reaches the test through a pipe, after the response.
func waitLogLine(p *process, want string) string {
	deadline := time.Now().Add(5 * time.Second)
	for {
		for line := range strings.SplitSeq(p.out.String(), "\n") {
			if strings.Contains(line, want) {
				return line
			}
		}
		if time.Now().After(deadline) {
			return ""
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestImportRefusesMalformedUTF8: bytes that are not UTF-8 in an import
// file, JSON or CSV, are refused at their line and column, naming the
// record and the field, and the store is left as it was.
func TestImportRefusesMalformedUTF8(t *testing.T) {
	s := newCLIStore(t)
	s.must("import", seed.FileName)
	before := s.must("export", "--format", "json")
	dir := t.TempDir()
	files := map[string]string{
		"bad.json":   "{\n  \"format\": \"ecograph/v1\",\n  \"actors\": [\n    {\"id\": \"cafe-labs\", \"kind\": \"STARTUP\", \"name\": \"Caf\xe9 Labs\"}\n  ]\n}\n",
		"actors.csv": "id,kind,name,description\ncafe-labs,STARTUP,Cafe Labs,\"A caf\xc3 in Tashkent\"\n",
	}
	for name, want := range map[string]string{
		"bad.json":   `bad.json:4:56: actors[0] ("cafe-labs"): name: is not valid UTF-8: byte 0xE9 cannot stand there; save the file as UTF-8`,
		"actors.csv": `actors.csv:2:4: actors[0] ("cafe-labs"): description: is not valid UTF-8: byte 0xC3 cannot stand there; save the file as UTF-8`,
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(files[name]), 0o644); err != nil {
			t.Fatal(err)
		}
		_, errOut, err := s.run("import", path)
		if exitCode(err) != 1 || !strings.Contains(errOut, filepath.Join(dir, want)) {
			t.Errorf("import of %s: %v\n%s\nwant it to say %s", name, err, errOut, want)
		}
	}
	if after := s.must("export", "--format", "json"); after != before {
		t.Errorf("a refused import changed the store:\n%s", firstDiff(after, before))
	}
}
