/** Examples of the documentation: reading, verifying and copying archives with the core. */
package com.example.dockerarchive.core;
