import java.io.File;
import java.io.IOException;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.Instruction;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.attribute.InnerClassInfo;
import java.lang.classfile.attribute.InnerClassesAttribute;
import java.lang.classfile.attribute.StackMapFrameInfo;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.StringEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.TypeCheckInstruction;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Removes the classes a ProGuard shrink kept although nothing reaches them: what it cannot see for two patterns of
 * the AWS SDK. Run as a source file by the build after ProGuard:
 * {@code java PruneClasses.java <ProGuard's output jar> <its -printseeds file> <out jar> [library class path]}.
 *
 * <ul>
 *   <li>ProGuard marks a default method of an interface as used as soon as a method it overrides is used, whether or
 *       not a class that could inherit it is. Every request model's {@code Builder} interface has such bridge
 *       methods (for {@code SdkBuilder.build}), so every request of every operation of a service stayed, with the
 *       models it refers to: most of a service client's size.
 *   <li>Each service's {@code *EndpointResolverUtils.setContextParams(builder, operationName, request)} switches on
 *       the operation's name, and each case casts the request to that operation's request class and calls a
 *       private method for it. A case whose request class nothing else reaches can never run (no such request can
 *       exist): here its call becomes a {@code pop2} and its method goes, and so does the class.
 * </ul>
 *
 * <p>What stays: the classes ProGuard's seeds name (the keep rules), and every class a kept class reaches through
 * what it declares and runs: its supertypes, the types its fields, methods, code and annotations name, the types
 * its stack map frames name (the verifier loads them), and strings that spell a class name (loaded by name). Not
 * counted: constant pool entries nothing uses any longer, the local variable tables, and other classes' entries in
 * its {@code InnerClasses} attribute (dropped where their class goes). Members are ProGuard's business: this step only
 * removes whole classes and dead casts.
 */
public final class PruneClasses {
    private static final Pattern TYPE = Pattern.compile("L([\\w/$]+)[;<]");
    private static final Pattern CLASS_NAME = Pattern.compile("[a-z]\\w*(\\.[\\w$]+)+");
    private static final ClassFile SCAN = ClassFile.of(
            ClassFile.ConstantPoolSharingOption.NEW_POOL,
            ClassFile.DebugElementsOption.DROP_DEBUG,
            ClassFile.LineNumbersOption.DROP_LINE_NUMBERS,
            ClassFile.StackMapsOption.DROP_STACK_MAPS);

    /** A call {@code checkcast type; invokestatic this.method(B, type)V}: code that runs only for an instance of type. */
    record Dispatch(String type, String method, String descriptor) {
        String key() {
            return method + descriptor;
        }
    }

    /** What a class reaches: always, and once a class exists (its dispatch calls). */
    record Reach(Set<String> always, Map<String, Set<String>> once, Set<Dispatch> dispatches) {}

    public static void main(String[] args) throws IOException {
        Map<String, ZipEntry> headers = new LinkedHashMap<>();
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(Path.of(args[0])))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (!e.isDirectory()) {
                    headers.put(e.getName(), e);
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        }
        Set<String> reached = new HashSet<>();
        Deque<String> work = new ArrayDeque<>();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            // "a.b.C" keeps a class; "a.b.C: member" a member, whose class is then reached through its users
            if (!line.isBlank() && !line.contains(":") && reached.add(internal(line.strip()))) {
                work.add(internal(line.strip()));
            }
        }
        Map<String, Reach> reach = new HashMap<>();
        Map<String, List<Set<String>>> waiting = new HashMap<>();
        while (!work.isEmpty()) {
            String type = work.poll();
            List<Set<String>> next = new ArrayList<>(waiting.getOrDefault(type, List.of()));
            byte[] bytes = entries.get(type + ".class");
            if (bytes != null) {
                Reach r = reach(bytes);
                reach.put(type, r);
                next.add(r.always());
                r.once().forEach((cast, refs) -> {
                    if (reached.contains(cast)) {
                        next.add(refs);
                    } else {
                        waiting.computeIfAbsent(cast, k -> new ArrayList<>()).add(refs);
                    }
                });
            }
            for (Set<String> refs : next) {
                for (String ref : refs) {
                    if (reached.add(ref)) {
                        work.add(ref);
                    }
                }
            }
        }

        ClassHierarchyResolver hierarchy = hierarchy(entries, args.length > 3 ? args[3] : "");
        Predicate<String> present = type -> reached.contains(type) || !entries.containsKey(type + ".class");
        int kept = 0;
        int removed = 0;
        int cut = 0;
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(Path.of(args[2])))) {
            for (ZipEntry header : headers.values()) {
                String name = header.getName();
                byte[] bytes = entries.get(name);
                if (name.endsWith(".class") && !name.startsWith("META-INF/")) {
                    String type = name.substring(0, name.length() - ".class".length());
                    if (!reached.contains(type)) {
                        removed++;
                        continue;
                    }
                    kept++;
                    Set<Dispatch> dead = new HashSet<>();
                    for (Dispatch d : reach.get(type).dispatches()) {
                        if (!reached.contains(d.type())) {
                            dead.add(d);
                        }
                    }
                    cut += dead.size();
                    bytes = rewrite(bytes, dead, present, hierarchy);
                }
                ZipEntry entry = new ZipEntry(name);
                entry.setTime(header.getTime());
                out.putNextEntry(entry);
                out.write(bytes);
            }
        }
        System.out.println("PruneClasses: kept " + kept + " classes, removed " + removed + ", cut " + cut
                + " casts to removed classes");
    }

    private static String internal(String name) {
        return name.replace('.', '/');
    }

    static Reach reach(byte[] bytes) {
        ClassModel model = ClassFile.of().parse(bytes);
        String self = model.thisClass().asInternalName();
        Set<Dispatch> dispatches = dispatches(model);
        Map<String, Set<String>> once = new HashMap<>();
        for (Dispatch d : dispatches) {
            MethodModel target = model.methods().stream()
                    .filter(m -> (m.methodName().stringValue() + m.methodType().stringValue()).equals(d.key()))
                    .findFirst()
                    .orElseThrow();
            Set<String> refs = new TreeSet<>();
            refs.addAll(names(ClassFile.of().parse(SCAN.build(model.thisClass().asSymbol(), cb -> cb.with(target)))));
            refs.addAll(frameTypes(List.of(target)));
            refs.add(d.type());
            refs.remove(self);
            once.computeIfAbsent(d.type(), k -> new TreeSet<>()).addAll(refs);
        }
        // the class as it would be with every dispatch cut; its other methods' frames
        Set<String> always = names(ClassFile.of().parse(cut(model, dispatches, SCAN, true)));
        always.addAll(frameTypes(model.methods().stream()
                .filter(m -> dispatches.stream()
                        .noneMatch(d -> d.key().equals(m.methodName().stringValue() + m.methodType().stringValue())))
                .toList()));
        always.remove(self);
        return new Reach(always, once, dispatches);
    }

    /** The calls {@code checkcast X; invokestatic this.m(B, X)V} where m is private static and called no other way. */
    static Set<Dispatch> dispatches(ClassModel model) {
        if (model.findAttribute(Attributes.nestMembers()).isPresent()
                || model.findAttribute(Attributes.nestHost()).isPresent()) {
            return Set.of(); // a nestmate could call the private method too
        }
        String self = model.thisClass().asInternalName();
        Set<String> privateStatic = new HashSet<>();
        for (MethodModel m : model.methods()) {
            if (m.flags().has(AccessFlag.PRIVATE) && m.flags().has(AccessFlag.STATIC)) {
                privateStatic.add(m.methodName().stringValue() + m.methodType().stringValue());
            }
        }
        Map<String, Integer> calls = new HashMap<>();
        Map<String, Integer> casts = new HashMap<>();
        Set<Dispatch> found = new HashSet<>();
        for (MethodModel m : model.methods()) {
            m.code().ifPresent(code -> {
                Instruction previous = null;
                for (CodeElement e : code) {
                    if (!(e instanceof Instruction instruction)) {
                        continue;
                    }
                    if (instruction instanceof InvokeInstruction call && call.owner().asInternalName().equals(self)) {
                        String key = call.name().stringValue() + call.type().stringValue();
                        calls.merge(key, 1, Integer::sum);
                        MethodTypeDesc type = call.typeSymbol();
                        if (call.opcode() == Opcode.INVOKESTATIC
                                && privateStatic.contains(key)
                                && previous instanceof TypeCheckInstruction cast
                                && cast.opcode() == Opcode.CHECKCAST
                                && !cast.type().asInternalName().startsWith("[")
                                && type.returnType().descriptorString().equals("V")
                                && type.parameterCount() == 2
                                && type.parameterType(0).isClassOrInterface()
                                && type.parameterType(1).descriptorString()
                                        .equals("L" + cast.type().asInternalName() + ";")) {
                            casts.merge(key, 1, Integer::sum);
                            found.add(new Dispatch(
                                    cast.type().asInternalName(),
                                    call.name().stringValue(),
                                    call.type().stringValue()));
                        }
                    }
                    previous = instruction;
                }
            });
        }
        found.removeIf(d -> !calls.get(d.key()).equals(casts.get(d.key())));
        return found;
    }

    /** Class names in a constant pool built afresh (so only what the class uses), and class names spelt in strings. */
    static Set<String> names(ClassModel bare) {
        Set<String> names = new TreeSet<>();
        for (PoolEntry entry : bare.constantPool()) {
            if (entry instanceof ClassEntry c) {
                addType(c.asInternalName(), names);
            } else if (entry instanceof StringEntry s) {
                if (CLASS_NAME.matcher(s.stringValue()).matches()) {
                    names.add(internal(s.stringValue()));
                }
            } else if (entry instanceof Utf8Entry u) {
                Matcher m = TYPE.matcher(u.stringValue());
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    /** The classes the verifier may load for these methods: the object types in their stack map frames. */
    static Set<String> frameTypes(List<MethodModel> methods) {
        Set<String> names = new TreeSet<>();
        for (MethodModel method : methods) {
            method.code().flatMap(c -> c.findAttribute(Attributes.stackMapTable())).ifPresent(table -> {
                for (StackMapFrameInfo frame : table.entries()) {
                    for (List<StackMapFrameInfo.VerificationTypeInfo> types : List.of(frame.locals(), frame.stack())) {
                        for (StackMapFrameInfo.VerificationTypeInfo type : types) {
                            if (type instanceof StackMapFrameInfo.ObjectVerificationTypeInfo object) {
                                addType(object.className().asInternalName(), names);
                            }
                        }
                    }
                }
            });
        }
        return names;
    }

    private static void addType(String name, Set<String> names) {
        if (name.startsWith("[")) {
            Matcher m = TYPE.matcher(name);
            while (m.find()) {
                names.add(m.group(1));
            }
        } else {
            names.add(name);
        }
    }

    /**
     * The class without the given dispatch calls (each becomes {@code pop2}, which drops the same two values) and
     * their methods; for a scan, also without other classes' {@code InnerClasses} entries.
     */
    static byte[] cut(ClassModel model, Set<Dispatch> dead, ClassFile classFile, boolean forScan) {
        String self = model.thisClass().asInternalName();
        Set<String> targets = new HashSet<>();
        dead.forEach(d -> targets.add(d.key()));
        ClassTransform transform = (cb, element) -> {
            if (element instanceof MethodModel m
                    && targets.contains(m.methodName().stringValue() + m.methodType().stringValue())) {
                return;
            }
            if (forScan && element instanceof InnerClassesAttribute inner) {
                ownInnerClasses(inner, i -> i.innerClass().asInternalName().equals(self), cb);
                return;
            }
            cb.with(element);
        };
        if (!targets.isEmpty()) {
            transform = transform.andThen(ClassTransform.transformingMethodBodies(new CodeTransform() {
                private TypeCheckInstruction held;

                @Override
                public void accept(CodeBuilder b, CodeElement e) {
                    if (held != null) {
                        TypeCheckInstruction cast = held;
                        held = null;
                        if (e instanceof InvokeInstruction call
                                && call.owner().asInternalName().equals(self)
                                && targets.contains(call.name().stringValue() + call.type().stringValue())) {
                            b.pop2();
                            return;
                        }
                        b.with(cast);
                    }
                    if (e instanceof TypeCheckInstruction cast && cast.opcode() == Opcode.CHECKCAST) {
                        held = cast;
                        return;
                    }
                    b.with(e);
                }

                @Override
                public void atEnd(CodeBuilder b) {
                    if (held != null) {
                        b.with(held);
                        held = null;
                    }
                }
            }));
        }
        return classFile.transformClass(model, transform);
    }

    private static void ownInnerClasses(
            InnerClassesAttribute inner, Predicate<InnerClassInfo> keep, java.lang.classfile.ClassBuilder cb) {
        List<InnerClassInfo> left = inner.classes().stream().filter(keep).toList();
        if (!left.isEmpty()) {
            cb.with(InnerClassesAttribute.of(left));
        }
    }

    /** The class as it goes out: dead dispatches cut, {@code InnerClasses} entries of removed classes dropped. */
    static byte[] rewrite(byte[] bytes, Set<Dispatch> dead, Predicate<String> present, ClassHierarchyResolver hierarchy) {
        ClassFile classFile = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(hierarchy));
        byte[] out = dead.isEmpty() ? bytes : cut(classFile.parse(bytes), dead, classFile, false);
        ClassModel model = classFile.parse(out);
        boolean gone = model.findAttribute(Attributes.innerClasses())
                .map(a -> a.classes().stream().anyMatch(i -> !present.test(i.innerClass().asInternalName())))
                .orElse(false);
        if (!gone) {
            return out;
        }
        return classFile.transformClass(model, (cb, element) -> {
            if (element instanceof InnerClassesAttribute inner) {
                ownInnerClasses(inner, i -> present.test(i.innerClass().asInternalName()), cb);
            } else {
                cb.with(element);
            }
        });
    }

    /** Supertypes for the frames of rewritten methods: the jar's own classes, the libraries, then the JDK's. */
    static ClassHierarchyResolver hierarchy(Map<String, byte[]> entries, String libraries) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (String entry : libraries.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), null);
        return ClassHierarchyResolver.ofResourceParsing(desc -> {
                    String name = desc.descriptorString();
                    byte[] bytes = entries.get(name.substring(1, name.length() - 1) + ".class");
                    return bytes == null ? null : new java.io.ByteArrayInputStream(bytes);
                })
                .orElse(ClassHierarchyResolver.ofResourceParsing(loader))
                .orElse(ClassHierarchyResolver.defaultResolver());
    }
}
