package dev.synapsebench.cli;

import dev.synapsebench.cli.SeedSweep.Outcome;
import dev.synapsebench.cli.SeedSweep.Member;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code synapse merge}: the outputs of {@code train --seeds} over disjoint seeds with the same
 * configuration, joined into what one run over all those seeds prints, byte for byte (the
 * summary recomputed from the runs).
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Join the JSON (or the CSV) outputs of 'synapse train --seeds' run over disjoint seed ranges "
                + "with the same configuration, e.g. on several machines, into the output one run over all the seeds "
                + "would print.", "Prints to stdout."})
final class MergeCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Outputs of 'synapse train --seeds --format json' "
            + "(or all of '--format csv').")
    List<Path> files;

    private enum Format { json, csv }

    @Override
    public void run() {
        Format format = null;
        Path first = null;
        List<Outcome> parts = new ArrayList<>();
        for (Path file : files) {
            String text = read(file);
            Format f = text.stripLeading().startsWith("{") ? Format.json : Format.csv;
            if (format != null && f != format) {
                throw new UsageException("cannot merge " + format + " and " + f + " outputs: " + first + " is " + format
                        + ", " + file + " is " + f);
            }
            format = f;
            first = first == null ? file : first;
            parts.add(f == Format.json ? SeedSweepJson.read(file, text) : SeedSweepCsv.read(file, text));
        }
        Outcome merged = merge(parts);
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            SeedSweepJson.write(out, merged);
        } else {
            SeedSweepCsv.write(out, merged);
        }
        out.flush();
    }

    private Outcome merge(List<Outcome> parts) {
        SeedSweep.Config config = parts.get(0).config();
        Map<Long, Member> runs = new TreeMap<>();
        Map<Long, Path> from = new TreeMap<>();
        for (int p = 0; p < parts.size(); p++) {
            Outcome part = parts.get(p);
            String difference = config.difference(part.config());
            if (difference != null) {
                throw new UsageException(files.get(p) + " was trained with another configuration than " + files.get(0)
                        + " (" + difference + "); only runs of the same configuration merge");
            }
            for (Member run : part.runs()) {
                if (runs.putIfAbsent(run.seed(), run) != null) {
                    throw new UsageException("seed " + run.seed() + " is in both " + from.get(run.seed()) + " and "
                            + files.get(p) + "; merged outputs need disjoint seeds");
                }
                from.put(run.seed(), files.get(p));
            }
        }
        long[] seeds = runs.keySet().stream().mapToLong(Long::longValue).toArray();
        return new Outcome(config, SeedSet.of(seeds), List.copyOf(runs.values()));
    }

    private static String read(Path file) {
        InputFiles.requireReadableFile(file);
        try {
            long size = Files.size(file);
            // the bytes, then the text (up to two bytes a character)
            Memory.require(3.0 * size, () -> file + " is " + Memory.bytes(size) + ", more than this JVM has free memory "
                    + "to read (" + Memory.bytes(Memory.free()) + "); give the JVM more heap (JAVA_TOOL_OPTIONS=-Xmx...)");
            if (size > Integer.MAX_VALUE - 8) {
                throw new UsageException(file + " is " + Memory.bytes(size) + ", larger than an output of "
                        + "'synapse train --seeds' this JVM can read (2 GiB)");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new UsageException(file + " is not a text file (not UTF-8)");
        } catch (IOException e) {
            throw InputFiles.cannotRead(file, e);
        }
    }
}
