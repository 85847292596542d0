/**
 * Examples of the documentation: the JUnit 5 extension, injected archives, one test per dialect and
 * one test per quirk.
 */
package com.example.dockerarchive.junit;
