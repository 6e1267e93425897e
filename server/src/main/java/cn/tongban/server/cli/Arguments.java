package cn.tongban.server.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parsed {@code --name value} options and {@code --flag}s of one command. Unknown options, missing values and
 * stray words are usage errors, so that a typo never silently changes what a command does.
 */
public final class Arguments {

    private final Map<String, List<String>> options = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Arguments() {
    }

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
        Arguments a = new Arguments();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                if (a.positional.size() < maxPositional) {
                    a.positional.add(arg);
                    continue;
                }
                throw CommandException.usage("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flags.contains(name)) {
                if (value != null) {
                    throw CommandException.usage("option --" + name + " takes no value");
                }
                a.options.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                        throw CommandException.usage("option --" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                a.options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else {
                throw CommandException.usage("unknown option --" + name);
            }
        }
        return a;
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
