// Command goreference is the differential oracle of the harness tests: it reads cases from
// stdin and answers each with one JSON line saying what Go's standard library (archive/tar,
// encoding/json, as used by containers/image, Docker and containerd) makes of the bytes.
//
// A case is one kind byte, a 4-byte big-endian length and that many bytes:
//
//	'T' a tar stream, read with archive/tar to the end (every header, every entry's data)
//	'M' a manifest.json, decoded into the reference's []ManifestItem
//	'H' the start of a tar stream, its headers read with archive/tar until the first error (the
//	    data of an entry larger than the case cut short): what Go makes of headers of any size
//
// Answers: {"ok":true,...} with what was seen, or {"ok":false,"err":"..."}.
package main

import (
	"archive/tar"
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
)

// schema2Descriptor is containers/image manifest.Schema2Descriptor.
type schema2Descriptor struct {
	MediaType string   `json:"mediaType"`
	Size      int64    `json:"size"`
	Digest    string   `json:"digest"`
	URLs      []string `json:"urls,omitempty"`
}

// manifestItem is containers/image docker/internal/tarfile.ManifestItem.
type manifestItem struct {
	Config       string
	RepoTags     []string
	Layers       []string
	Parent       string                       `json:",omitempty"`
	LayerSources map[string]schema2Descriptor `json:",omitempty"`
}

type entry struct {
	Name   string `json:"name"`
	Type   string `json:"type"`
	Size   int64  `json:"size"`
	Link   string `json:"link"`
	Sha256 string `json:"sha256,omitempty"`
	Sparse bool   `json:"sparse,omitempty"`
}

type answer struct {
	Ok      bool             `json:"ok"`
	Err     string           `json:"err,omitempty"`
	Entries []entry          `json:"entries,omitempty"`
	Items   []normalizedItem `json:"items,omitempty"`
}

type normalizedItem struct {
	Config       string                          `json:"Config"`
	RepoTags     []string                        `json:"RepoTags"`
	Layers       []string                        `json:"Layers"`
	Parent       string                          `json:"Parent"`
	LayerSources map[string]normalizedDescriptor `json:"LayerSources"`
}

type normalizedDescriptor struct {
	MediaType string   `json:"mediaType"`
	Size      int64    `json:"size"`
	Digest    string   `json:"digest"`
	URLs      []string `json:"urls"`
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// readTar reads a tar to its end; with headersOnly it reads no data, so a case may end inside
// an entry's data, and answers with the entries Next returned before the first error.
func readTar(data []byte, headersOnly bool) answer {
	tr := tar.NewReader(bytes.NewReader(data))
	entries := []entry{}
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			return answer{Ok: true, Entries: entries}
		}
		if err != nil {
			return answer{Err: err.Error(), Entries: entries}
		}
		e := entry{Name: hdr.Name, Type: string([]byte{hdr.Typeflag}), Size: hdr.Size, Link: hdr.Linkname,
			Sparse: isSparse(hdr)}
		if e.Sparse || headersOnly {
			// Sparse data is not compared (the harness does not serve sparse files), and a
			// headers-only case has no data.
			entries = append(entries, e)
			continue
		}
		h := sha256.New()
		if _, err := io.Copy(h, tr); err != nil {
			return answer{Err: err.Error(), Entries: entries}
		}
		e.Sha256 = hex.EncodeToString(h.Sum(nil))
		entries = append(entries, e)
	}
}

// isSparse mirrors archive/tar's tests for old GNU and PAX sparse entries.
func isSparse(hdr *tar.Header) bool {
	if hdr.Typeflag == tar.TypeGNUSparse {
		return true
	}
	major, minor := hdr.PAXRecords["GNU.sparse.major"], hdr.PAXRecords["GNU.sparse.minor"]
	switch {
	case major == "0" && (minor == "0" || minor == "1"):
		return true
	case major == "1" && minor == "0":
		return true
	case major != "" || minor != "":
		return false
	}
	return hdr.PAXRecords["GNU.sparse.map"] != ""
}

func readManifest(data []byte) answer {
	var items []manifestItem
	if err := json.Unmarshal(data, &items); err != nil {
		return answer{Err: err.Error()}
	}
	out := []normalizedItem{}
	for _, it := range items {
		n := normalizedItem{Config: it.Config, RepoTags: nonNil(it.RepoTags), Layers: nonNil(it.Layers),
			Parent: it.Parent, LayerSources: map[string]normalizedDescriptor{}}
		for k, d := range it.LayerSources {
			n.LayerSources[k] = normalizedDescriptor{d.MediaType, d.Size, d.Digest, nonNil(d.URLs)}
		}
		out = append(out, n)
	}
	return answer{Ok: true, Items: out}
}

func main() {
	in := bufio.NewReaderSize(os.Stdin, 1<<16)
	out := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(out)
	for {
		var head [5]byte
		if _, err := io.ReadFull(in, head[:]); err != nil {
			break
		}
		data := make([]byte, binary.BigEndian.Uint32(head[1:]))
		if _, err := io.ReadFull(in, data); err != nil {
			os.Exit(2)
		}
		var a answer
		switch head[0] {
		case 'T':
			a = readTar(data, false)
		case 'M':
			a = readManifest(data)
		case 'H':
			a = readTar(data, true)
		default:
			a = answer{Err: "unknown case kind"}
		}
		if err := enc.Encode(a); err != nil {
			os.Exit(3)
		}
		out.Flush()
	}
	out.Flush()
}
