/** Examples of the documentation: the conformance suite as a JUnit test of an implementation. */
package com.example.dockerarchive.conformance;
