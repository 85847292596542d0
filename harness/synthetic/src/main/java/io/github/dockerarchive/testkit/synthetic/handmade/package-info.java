/**
 * Hand-shaped archives: a tar builder entry by entry ({@link
 * io.github.dockerarchive.testkit.synthetic.handmade.HandmadeTar}), an image builder on top of it
 * whose {@code manifest.json} comes from the core's encoder ({@link
 * io.github.dockerarchive.testkit.synthetic.handmade.HandmadeImage}), and byte-level surgery on tar
 * headers ({@link io.github.dockerarchive.testkit.synthetic.handmade.TarPatch}). The conformance
 * checks build from these the inputs that no producer's dialect writes.
 */
package io.github.dockerarchive.testkit.synthetic.handmade;
