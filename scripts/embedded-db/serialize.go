package main

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"sync"
)

// FerretDB 1.24 on SQLite applies an update by reading the document, computing the new one and
// writing it back in a separate transaction. Two concurrent updates of one document therefore lose
// one of them ($inc, $set of different fields, findAndModify: all of it), where MongoDB applies
// each update atomically. The product relies on MongoDB's semantics (leases by findAndModify,
// read models by update operators), so this proxy in front of FerretDB lets only one
// data-changing command run at a time. Reads still run concurrently. SQLite allows one writer at
// a time anyway, so this costs little throughput.

const (
	opMsg          = 2013
	maxMessageSize = 48 * 1024 * 1024
	flagChecksum   = 1 << 0
	flagMoreToCome = 1 << 1
)

// Commands that never change data run without the write lock; everything else takes it.
var readOnlyCommands = map[string]bool{
	"find": true, "getMore": true, "killCursors": true, "count": true, "distinct": true,
	"listCollections": true, "listIndexes": true, "listDatabases": true, "hello": true,
	"isMaster": true, "ismaster": true, "ping": true, "buildInfo": true, "buildinfo": true,
	"getParameter": true, "serverStatus": true, "dbStats": true, "collStats": true,
	"connectionStatus": true, "getLog": true, "hostInfo": true, "whatsmyuri": true,
	"endSessions": true, "saslStart": true, "saslContinue": true, "getCmdLineOpts": true,
	"explain": true, "dataSize": true, "validate": true, "listCommands": true,
}

type serializingProxy struct {
	upstream string
	writes   sync.Mutex
	logger   *slog.Logger
}

func (p *serializingProxy) serve(listener net.Listener) {
	for {
		client, err := listener.Accept()
		if err != nil {
			return
		}
		go p.handle(client)
	}
}

func (p *serializingProxy) handle(client net.Conn) {
	defer client.Close()
	server, err := net.Dial("tcp", p.upstream)
	if err != nil {
		p.logger.Error("cannot reach the database engine", slog.String("error", err.Error()))
		return
	}
	defer server.Close()
	fromClient := bufio.NewReader(client)
	fromServer := bufio.NewReader(server)
	for {
		request, err := readMessage(fromClient)
		if err != nil {
			return
		}
		write := isWriteCommand(request)
		if write {
			p.writes.Lock()
		}
		err = p.roundTrip(request, server, fromServer, client)
		if write {
			p.writes.Unlock()
		}
		if err != nil {
			return
		}
	}
}

// roundTrip forwards one request and, unless the client said it wants no answer, every part of
// the answer (a reply flagged moreToCome is followed by another).
func (p *serializingProxy) roundTrip(request []byte, server net.Conn, fromServer *bufio.Reader, client net.Conn) error {
	if _, err := server.Write(request); err != nil {
		return err
	}
	if opCode(request) == opMsg && msgFlags(request)&flagMoreToCome != 0 {
		return nil
	}
	for {
		reply, err := readMessage(fromServer)
		if err != nil {
			return err
		}
		if _, err := client.Write(reply); err != nil {
			return err
		}
		if opCode(reply) != opMsg || msgFlags(reply)&flagMoreToCome == 0 {
			return nil
		}
	}
}

func readMessage(r *bufio.Reader) ([]byte, error) {
	header := make([]byte, 16)
	if _, err := io.ReadFull(r, header); err != nil {
		return nil, err
	}
	size := int(binary.LittleEndian.Uint32(header))
	if size < 16 || size > maxMessageSize {
		return nil, fmt.Errorf("invalid message size %d", size)
	}
	message := make([]byte, size)
	copy(message, header)
	if _, err := io.ReadFull(r, message[16:]); err != nil {
		return nil, err
	}
	return message, nil
}

func opCode(message []byte) int32 {
	return int32(binary.LittleEndian.Uint32(message[12:16]))
}

func msgFlags(message []byte) uint32 {
	if len(message) < 20 {
		return 0
	}
	return binary.LittleEndian.Uint32(message[16:20])
}

// isWriteCommand reads the command name: the first key of the OP_MSG body (kind 0) section.
// Anything it cannot read counts as a write, which is only slower, never wrong.
func isWriteCommand(message []byte) bool {
	if opCode(message) != opMsg {
		return true
	}
	name, err := commandName(message)
	if err != nil {
		return true
	}
	return !readOnlyCommands[name]
}

func commandName(message []byte) (string, error) {
	end := len(message)
	if msgFlags(message)&flagChecksum != 0 {
		end -= 4
	}
	for at := 20; at < end; {
		kind := message[at]
		at++
		if at+4 > end {
			break
		}
		size := int(binary.LittleEndian.Uint32(message[at : at+4]))
		if size < 5 || at+size > end {
			break
		}
		if kind == 0 {
			// BSON document: int32 size, then elements of type byte + cstring name + value.
			doc := message[at : at+size]
			if len(doc) < 6 {
				break
			}
			nameStart := 5
			for i := nameStart; i < len(doc); i++ {
				if doc[i] == 0 {
					return string(doc[nameStart:i]), nil
				}
			}
			break
		}
		at += size // kind 1: a document sequence, size covers itself
	}
	return "", errors.New("no command document")
}
