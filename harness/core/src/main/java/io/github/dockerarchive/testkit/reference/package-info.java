/**
 * Image references: Docker references normalised as Go's {@code distribution/reference} does (rule
 * REF-2), and {@code docker-archive:PATH[:REF|:@INDEX]} transport references as containers/image
 * parses them (rule REF-1). Errors are {@link
 * io.github.dockerarchive.testkit.InvalidReferenceException} with the reference implementation's
 * texts.
 */
package io.github.dockerarchive.testkit.reference;
