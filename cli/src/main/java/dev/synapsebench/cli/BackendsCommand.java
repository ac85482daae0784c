package dev.synapsebench.cli;

import dev.synapsebench.core.Availability;
import dev.synapsebench.core.Kernels;
import dev.synapsebench.core.MatrixKernel;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** {@code synapse backends}: every installed backend and whether it runs here. */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = "List the installed matrix backends and whether each is available on this machine.")
final class BackendsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        for (MatrixKernel<?> kernel : Kernels.installed()) {
            Availability availability = kernel.availability();
            out.printf("%-8s %-12s %s%n", kernel.name(), availability.available() ? "available" : "UNAVAILABLE",
                    availability.available() ? kernel.description() : availability.reason());
        }
        for (String problem : Kernels.unloadable()) {
            out.printf("%-8s %-12s %s%n", "?", "UNAVAILABLE", "a registered backend could not be loaded: " + problem);
        }
        out.flush();
    }
}
