package io.github.dockerarchive.testkit.junit;

import io.github.dockerarchive.testkit.ArchiveException;
import io.github.dockerarchive.testkit.archive.ArchiveReader;
import io.github.dockerarchive.testkit.synthetic.ArchiveFixture;
import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The types an archive can be injected as, and how each is made from the written archive. */
enum InjectableType {
  PATH(Path.class),
  FILE(File.class),
  FIXTURE(ArchiveFixture.class),
  READER(ArchiveReader.class),
  INPUT_STREAM(InputStream.class),
  BYTES(byte[].class);

  /** For messages. */
  static final String SUPPORTED =
      "java.nio.file.Path, java.io.File, ArchiveFixture, ArchiveReader, java.io.InputStream,"
          + " byte[]";

  private final Class<?> type;

  InjectableType(Class<?> type) {
    this.type = type;
  }

  /** The declared type this injectable type serves. */
  Class<?> type() {
    return type;
  }

  /**
   * The type of a declaration.
   *
   * @param declaration the field or parameter
   * @return its injectable type
   * @throws org.junit.jupiter.api.extension.ExtensionConfigurationException naming the declaration
   *     and the supported types
   */
  static InjectableType of(Declaration declaration) {
    for (InjectableType t : values()) {
      if (t.type == declaration.type()) {
        return t;
      }
    }
    throw AnnotationSpecs.invalid(
        declaration,
        "cannot inject type "
            + declaration.type().getTypeName()
            + "; supported types: "
            + SUPPORTED);
  }

  /**
   * The value to inject.
   *
   * @param archive the archive, which owns any reader or stream made here
   * @param declaration for messages
   * @return the value
   * @throws IOException if the archive cannot be opened or read
   * @throws ArchiveException if it cannot be opened as an {@link ArchiveReader}
   */
  Object produce(TrackedArchive archive, Declaration declaration)
      throws IOException, ArchiveException {
    return switch (this) {
      case PATH -> archive.path();
      case FILE -> archive.path().toFile();
      case FIXTURE -> archive.fixture();
      case READER -> archive.own(ArchiveReader.open(archive.path()));
      case INPUT_STREAM ->
          archive.own(new BufferedInputStream(Files.newInputStream(archive.path()), 1 << 16));
      case BYTES -> Files.readAllBytes(archive.path());
    };
  }
}
