package io.github.dockerarchive.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Registers {@link DockerArchiveExtension} on a test class, so its fields and parameters annotated
 * with {@link SyntheticArchive} receive archives. Equivalent to
 * {@code @ExtendWith(DockerArchiveExtension.class)}.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@Inherited
@ExtendWith(DockerArchiveExtension.class)
public @interface DockerArchiveTest {}
