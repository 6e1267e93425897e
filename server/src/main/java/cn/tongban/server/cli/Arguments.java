package cn.tongban.server.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Stack;

import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Parsed {@code --name value} options and {@code --flag}s of one command. Unknown options, missing values and
 * stray words are usage errors, so that a typo never silently changes what a command does. picocli parses, from a
 * model built out of the command's declared option names; its errors are reworded to the messages scripts see.
 */
public final class Arguments {

    /** No word ends the options ({@code --} is an unknown option, as it always was): no file name needs one. */
    private static final String NO_END_OF_OPTIONS = "\0";

    private final Map<String, List<String>> options = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Arguments() {}

    /**
     * @param valued option names that take a value (may repeat)
     * @param flags  option names that take none
     */
    public static Arguments parse(List<String> args, Set<String> valued, Set<String> flags) throws CommandException {
        return parse(args, valued, flags, 0);
    }

    /** As above, taking up to {@code maxPositional} arguments that are not options (e.g. a file name). */
    public static Arguments parse(List<String> args, Set<String> valued, Set<String> flags, int maxPositional)
            throws CommandException {
        CommandSpec spec = spec(valued, flags, maxPositional);
        ParseResult parsed;
        try {
            parsed = new picocli.CommandLine(spec).parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            throw CommandException.usage(reworded(e));
        }
        Arguments a = new Arguments();
        for (OptionSpec o : parsed.matchedOptions()) {
            String name = o.longestName().substring(2);
            a.options.put(name, flags.contains(name) ? List.of("true") : List.copyOf(o.<List<String>>getValue()));
        }
        if (parsed.hasMatchedPositional(0)) {
            a.positional.addAll(parsed.matchedPositional(0).<List<String>>getValue());
        }
        return a;
    }

    private static CommandSpec spec(Set<String> valued, Set<String> flags, int maxPositional) {
        CommandSpec spec = CommandSpec.create();
        // the first stray word ends parsing, so errors come out in the order of the words
        spec.parser()
                .expandAtFiles(false)
                .overwrittenOptionsAllowed(true)
                .stopAtUnmatched(true)
                .unmatchedOptionsArePositionalParams(true)
                .endOfOptionsDelimiter(NO_END_OF_OPTIONS);
        for (String v : valued) {
            spec.addOption(OptionSpec.builder("--" + v)
                    .arity("1")
                    .type(List.class)
                    .auxiliaryTypes(String.class)
                    .preprocessor(Arguments::valueNotAnOption)
                    .build());
        }
        for (String f : flags) {
            spec.addOption(OptionSpec.builder("--" + f)
                    .arity("0")
                    .type(boolean.class)
                    .preprocessor(Arguments::noAttachedValue)
                    .build());
        }
        if (maxPositional > 0) {
            spec.addPositional(PositionalParamSpec.builder()
                    .index("0.." + (maxPositional - 1))
                    .arity("0.." + maxPositional)
                    .type(List.class)
                    .auxiliaryTypes(String.class)
                    .preprocessor(Arguments::notAnOption)
                    .build());
        }
        return spec;
    }

    /** A value is the next word unless that starts with {@code --}; {@code --name=--x} gives one that does. */
    private static boolean valueNotAnOption(
            Stack<String> args, CommandSpec spec, ArgSpec option, Map<String, Object> info) {
        if (!attached(info) && (args.isEmpty() || args.peek().startsWith("--"))) {
            throw new Worded(spec, "option " + name(option) + " needs a value");
        }
        return false;
    }

    /** Only {@code --} starts an option: {@code -x} may be a file name, {@code --x} never is. */
    private static boolean notAnOption(
            Stack<String> args, CommandSpec spec, ArgSpec positional, Map<String, Object> info) {
        if (!args.isEmpty() && args.peek().startsWith("--")) {
            throw new Worded(spec, "unknown option " + args.peek().split("=", 2)[0]);
        }
        return false;
    }

    private static boolean noAttachedValue(
            Stack<String> args, CommandSpec spec, ArgSpec flag, Map<String, Object> info) {
        if (attached(info)) {
            throw new Worded(spec, "option " + name(flag) + " takes no value");
        }
        return false;
    }

    /** Whether the value came in the same word, {@code --name=value}. */
    private static boolean attached(Map<String, Object> info) {
        return "=".equals(info.get("separator"));
    }

    /** An error already worded as this command line words it. */
    private static final class Worded extends ParameterException {
        Worded(CommandSpec spec, String message) {
            super(spec.commandLine(), message);
        }
    }

    /** picocli's error as this command line has always worded it. */
    private static String reworded(ParameterException e) {
        if (e instanceof MissingParameterException m && !m.getMissing().isEmpty()) {
            return "option " + name(m.getMissing().get(0)) + " needs a value";
        }
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            return arg.startsWith("--")
                    ? "unknown option " + arg.split("=", 2)[0]
                    : "unexpected argument '" + arg + "'";
        }
        return e.getMessage();
    }

    private static String name(ArgSpec spec) {
        return spec instanceof OptionSpec o ? o.longestName() : spec.paramLabel();
    }

    public boolean flag(String name) {
        return options.containsKey(name);
    }

    public String value(String name, String fallback) throws CommandException {
        List<String> v = options.get(name);
        if (v == null) {
            return fallback;
        }
        if (v.size() > 1) {
            throw CommandException.usage("option --" + name + " given more than once");
        }
        return v.get(0);
    }

    public String required(String name) throws CommandException {
        String v = value(name, null);
        if (v == null || v.isBlank()) {
            throw CommandException.usage("option --" + name + " is required");
        }
        return v;
    }

    /** The arguments that are not options, in order. */
    public List<String> positional() {
        return List.copyOf(positional);
    }

    public List<String> values(String name) {
        return options.getOrDefault(name, List.of());
    }
}
