/**
 * Examples of the documentation: the JUnit 5 extension, injected archives and one test per dialect.
 */
package com.example.dockerarchive.junit;
