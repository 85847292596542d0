package io.github.dockerarchive.testkit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** The outcome of one in-process run of the command-line tool. */
record CliRun(int exitCode, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = DockerArchiveCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliRun(code, out.toString(), err.toString());
  }
}
