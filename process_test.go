package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// These tests run the ecograph binary as a user would: flags, environment,
// the data file, signals.

func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "ecograph")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func freeAddr(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// syncBuffer collects a process's output safely while it runs.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type process struct {
	cmd  *exec.Cmd
	out  *syncBuffer
	addr string
}

func startProcess(t testing.TB, bin string, env []string, args ...string) *process {
	t.Helper()
	p := &process{cmd: exec.Command(bin, args...), out: &syncBuffer{}}
	p.cmd.Env = append(os.Environ(), env...)
	p.cmd.Stdout, p.cmd.Stderr = p.out, p.out
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if p.cmd.ProcessState == nil {
			_ = p.cmd.Process.Kill()
			_ = p.cmd.Wait()
		}
	})
	return p
}

func (p *process) waitReady(t testing.TB, addr string) {
	t.Helper()
	// A minute: the reliability suite's server reads 500,000 relations.
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		resp, err := http.Get("http://" + addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				p.addr = addr
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("the server at %s did not get ready; output:\n%s", addr, p.out)
}

func (p *process) query(t *testing.T, q string) map[string]any {
	t.Helper()
	return p.post(t, q, nil, "")
}

// post sends a GraphQL request, with key in the Authorization header when
// it is not empty, and decodes the answer.
func (p *process) post(t *testing.T, q string, vars map[string]any, key string) map[string]any {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	req, err := http.NewRequest(http.MethodPost, "http://"+p.addr+"/graphql", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	client := http.Client{Timeout: 30 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestProcessServesShutsDownAndLocksItsFile(t *testing.T) {
	embeddedOnly(t)
	bin := buildBinary(t)
	data := filepath.Join(t.TempDir(), "sub", "ecograph.db")
	addr := freeAddr(t)
	// The variables name one address and file; the flags beat them.
	env := []string{"ECOGRAPH_ADDR=127.0.0.1:1", "ECOGRAPH_DATA=/nonexistent/ecograph.db"}
	srv := startProcess(t, bin, env, "serve", "--addr", addr, "--data", data)
	srv.waitReady(t, addr)
	got := srv.query(t, `{ actor(id: "soonchunhyang-university") { name } }`)
	if fmt.Sprint(got["data"]) != "map[actor:map[name:Soonchunhyang University]]" {
		t.Fatalf("the seed network is not served: %v", got)
	}

	// A second process on the same file fails fast, naming the file.
	start := time.Now()
	second := exec.Command(bin, "serve", "--addr", freeAddr(t), "--data", data)
	out, err := second.CombinedOutput()
	if err == nil {
		t.Fatal("a second server on the same file started")
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("the second server took %s to give up", took)
	}
	if !strings.Contains(string(out), data) {
		t.Errorf("the second server's error does not name the file %s:\n%s", data, out)
	}

	// SIGTERM: the server finishes, closes the store and exits cleanly.
	if err := srv.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := srv.cmd.Wait(); err != nil {
		t.Fatalf("exit after SIGTERM: %v\n%s", err, srv.out)
	}
	if !strings.Contains(srv.out.String(), "store closed") {
		t.Errorf("no sign of a clean store close:\n%s", srv.out)
	}
}

func TestProcessWithoutSeedStartsEmpty(t *testing.T) {
	embeddedOnly(t)
	bin := buildBinary(t)
	addr := freeAddr(t)
	// With no arguments ecograph serves; the environment picks the address and file.
	srv := startProcess(t, bin, []string{"ECOGRAPH_ADDR=" + addr, "ECOGRAPH_DATA=" + filepath.Join(t.TempDir(), "e.db")}, "--seed=false")
	srv.waitReady(t, addr)
	got := srv.query(t, `{ actors { totalCount } }`)
	if fmt.Sprint(got["data"]) != "map[actors:map[totalCount:0]]" {
		t.Fatalf("--seed=false: %v", got)
	}
}

func TestProcessRefusesBadConfiguration(t *testing.T) {
	embeddedOnly(t)
	bin := buildBinary(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--store", "mongo"}, `--store: "mongo" is not a store`},
		{[]string{"serve", "--store", "neo4j"}, "NEO4J_URI"},
		{[]string{"serve", "--addr", "127.0.0.1:notaport", "--data", filepath.Join(t.TempDir(), "x.db")}, "listening on 127.0.0.1:notaport"},
	} {
		cmd := exec.Command(bin, tc.args...)
		cmd.Env = append(os.Environ(), "NEO4J_URI=")
		out, err := cmd.CombinedOutput()
		if err == nil || !strings.Contains(string(out), tc.want) {
			t.Errorf("%v: err %v, output %q, want it to say %q", tc.args, err, out, tc.want)
		}
	}
}
