package io.github.dockerarchive.testkit.bench;

/** The JVM's floor for the start-up benchmark: prints one line and exits. */
public final class HelloWorld {
  private HelloWorld() {}

  /**
   * Prints a greeting.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    System.out.println("hello, world");
  }
}
