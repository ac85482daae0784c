package dev.synapsebench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code synapse} command. Every problem with the user's input ends as one line on stderr and
 * exit status 2; a failure of our own as one line and exit status 1 (stack trace with
 * {@code SYNAPSE_DEBUG=1}).
 */
@Command(name = "synapse", mixinStandardHelpOptions = true, versionProvider = SynapseCli.Version.class,
        description = "Train the numpy tutorials' tiny neural networks on the JVM, on any installed matrix backend.",
        subcommands = {TrainCommand.class, MergeCommand.class, BackendsCommand.class, ReportCommand.class, CompareCommand.class,
                IndexCommand.class, CommandLine.HelpCommand.class})
public final class SynapseCli implements Runnable {

    static final int BAD_INPUT = 2;
    static final int FAILURE = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the exit status (for tests: no System.exit). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new SynapseCli());
        // No @file arguments: 'synapse train @/dev/zero' would read forever, '@fifo' wait forever.
        cli.setExpandAtFiles(false);
        FlagNumbers.registerWith(cli);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("synapse: " + oneLine(e.getMessage()) + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help')");
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof UsageException || e instanceof IllegalArgumentException) {
                err.println("synapse: " + oneLine(e.getMessage()));
                return BAD_INPUT;
            }
            if (e instanceof TrainingDiverged) {
                err.println("synapse: " + oneLine(e.getMessage()));
                return FAILURE;
            }
            err.println("synapse: internal error: " + oneLine(String.valueOf(e))
                    + " (set SYNAPSE_DEBUG=1 for the stack trace)");
            if (System.getenv("SYNAPSE_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return FAILURE;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The message on one line of printable text: line breaks as spaces, other control characters escaped. */
    static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.replaceAll("\\s*\\R\\s*", " ").trim();
        StringBuilder sb = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                sb.append(' ');
            } else if (Character.getType(c) == Character.CONTROL || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.SURROGATE && !validSurrogate(line, i)) {
                sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Whether the surrogate at {@code i} is half of a pair (a character outside the BMP). */
    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** Version from the jar manifest (Maven fills it), or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SynapseCli.class.getPackage().getImplementationVersion();
            return new String[] {"synapse " + (v == null ? "dev" : v) + " on Java " + Runtime.version()};
        }
    }
}
