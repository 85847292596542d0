package io.github.dockerarchive.testkit.junit;

import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.StringJoiner;

/**
 * A field or parameter that asks for an archive: its type, its annotation and a name for messages
 * ({@code field LoaderTest.archive}, {@code parameter 0 (archive) of method
 * LoaderTest.loads(Path)}).
 *
 * @param type the declared type
 * @param annotation the (possibly meta-) annotation found on it
 * @param description the declaration, for messages
 * @param fileName a file-name-safe short name, for the archive's file
 */
record Declaration(
    Class<?> type, SyntheticArchive annotation, String description, String fileName) {

  static Declaration of(Field field, SyntheticArchive annotation) {
    return new Declaration(
        field.getType(),
        annotation,
        (Modifier.isStatic(field.getModifiers()) ? "static field " : "field ")
            + className(field.getDeclaringClass())
            + "."
            + field.getName(),
        field.getName());
  }

  static Declaration of(Parameter parameter, int index, SyntheticArchive annotation) {
    Executable executable = parameter.getDeclaringExecutable();
    return new Declaration(
        parameter.getType(),
        annotation,
        "parameter " + index + " (" + parameter.getName() + ") of " + describe(executable),
        parameter.getName());
  }

  static String describe(Executable executable) {
    StringJoiner types = new StringJoiner(", ", "(", ")");
    for (Class<?> t : executable.getParameterTypes()) {
      types.add(t.getSimpleName());
    }
    String owner = className(executable.getDeclaringClass());
    return executable instanceof java.lang.reflect.Constructor<?>
        ? "constructor " + owner + types
        : "method " + owner + "." + executable.getName() + types;
  }

  static String className(Class<?> type) {
    String name = type.getName();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name : name.substring(dot + 1);
  }
}
