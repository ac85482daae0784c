package dev.synapsebench.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** The CLI run in-process, as the tests see it: exit status and what it printed. */
record CliRun(int status, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = SynapseCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(status, out.toString(), err.toString());
    }
}
