// Command embedded-db runs the product's embedded MongoDB-compatible database:
// FerretDB (Apache-2.0) with its SQLite backend, through FerretDB's embeddable package.
//
// It exists so a developer machine needs only Go, not a MongoDB server. Production sets
// MONGODB_URI and never starts it.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen-addr", "127.0.0.1:27027", "TCP address to listen on")
	dataDir := flag.String("data-dir", "data", "directory holding the SQLite files")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	flag.Parse()

	// FerretDB allocates heavily while decoding stored documents; with Go's default GC target the
	// collector takes a fifth of the CPU of a lookup. The live heap is small (tens of MB), so a
	// larger target trades a little memory for about a quarter less latency (npm run bench:lookup).
	// GOGC, when set, still wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fail("invalid -log-level %q", *logLevel)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	abs, err := filepath.Abs(*dataDir)
	if err != nil {
		fail("invalid -data-dir: %v", err)
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		fail("cannot create data directory %s: %v", abs, err)
	}

	// Clients connect to the serialising proxy (serialize.go); FerretDB itself listens on a
	// private loopback port.
	public, err := net.Listen("tcp", *listen)
	if err != nil {
		fail("cannot listen on %s: %v", *listen, err)
	}
	engine, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fail("cannot reserve a port for the engine: %v", err)
	}
	engineAddr := engine.Addr().String()
	engine.Close()

	// SQLite in WAL mode (FerretDB's default) with synchronous=NORMAL: a commit no longer waits for
	// its own fsync (about a fifth faster sync, npm run bench:sync). A process crash loses nothing;
	// power loss can lose the newest commits, but only as a suffix in commit order, and the product
	// advances a cursor only after the data it covers is committed, so no cursor outlives its data.
	db, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: engineAddr},
		Handler:   "sqlite",
		SQLiteURL: "file:" + abs + "/?_pragma=synchronous(normal)",
		Logger:    logger,
	})
	if err != nil {
		fail("cannot start: %v", err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	done := make(chan struct{})
	go func() {
		_ = db.Run(ctx)
		close(done)
	}()

	// Announce readiness only once the engine accepts connections, so supervisors can wait on it.
	for {
		conn, err := net.DialTimeout("tcp", engineAddr, 200*time.Millisecond)
		if err == nil {
			conn.Close()
			break
		}
		select {
		case <-done:
			fail("stopped before accepting connections")
		case <-time.After(50 * time.Millisecond):
		}
	}
	indexer := newIDIndexer(abs, logger)
	indexer.pass(ctx) // existing databases are indexed before clients arrive
	go indexer.run(ctx, time.Second)

	proxy := &serializingProxy{upstream: engineAddr, logger: logger}
	go proxy.serve(public)
	fmt.Printf("embedded-db ready mongodb://%s/ data=%s\n", *listen, abs)

	<-done
	public.Close()
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "embedded-db: "+format+"\n", args...)
	os.Exit(1)
}
