package dev.aiblog.local.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** Runs the aiblog command in-process with a given environment, capturing its output. */
public final class AiblogHarness {
    private AiblogHarness() {}

    public record Run(int exitCode, String out, String err) {}

    public static Run run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Aiblog.commandLine(environment);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
