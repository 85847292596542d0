/**
 * Examples of the documentation: synthetic archives built from specs, with their truth and
 * corruptions.
 */
package com.example.dockerarchive.synthetic;
