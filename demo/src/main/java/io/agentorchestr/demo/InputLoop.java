package io.agentorchestr.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/** Stays interactive like a real agent: messages are acknowledged; "exit [STATUS]" or end of input quits. */
final class InputLoop {
    private InputLoop() {
    }

    static int run(BufferedReader in, PrintStream out) {
        try {
            while (true) {
                out.print("demo> ");
                out.flush();
                String line = in.readLine();
                if (line == null) {
                    return 0;
                }
                String text = line.strip();
                if (text.equals("exit") || text.equals("/exit") || text.equals("/quit")) {
                    out.println("demo: bye");
                    return 0;
                }
                if (text.matches("exit [0-9]{1,3}") && Integer.parseInt(text.substring(5)) < 256) {
                    out.println("demo: bye");
                    return Integer.parseInt(text.substring(5));
                }
                if (!text.isEmpty()) {
                    out.println("demo: received: " + text);
                }
            }
        } catch (IOException e) {
            return 0;
        }
    }
}
