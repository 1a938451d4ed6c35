;;; Colloquy's SQLite files hold instants as INTEGER milliseconds since 1970-01-01 UTC in
;;; columns declared TIMESTAMP. pgloader has no cast for milliseconds (its
;;; unix-timestamp-to-timestamptz takes seconds), so the benchmark loads this one.
(in-package #:pgloader.transforms)

(defun epoch-ms-to-timestamptz (value)
  "Milliseconds since the Unix epoch (a number or its text) as ISO-8601 UTC text, NIL as NIL."
  (when value
    (let ((ms (if (stringp value) (parse-integer value) value)))
      (multiple-value-bind (seconds millis) (floor ms 1000)
        (multiple-value-bind (s mi h d mo y)
            (decode-universal-time (+ seconds (encode-universal-time 0 0 0 1 1 1970 0)) 0)
          (format nil "~4,'0d-~2,'0d-~2,'0dT~2,'0d:~2,'0d:~2,'0d.~3,'0dZ" y mo d h mi s millis))))))

;;; Booleans are INTEGER 0 or 1 in those files; pgloader's tinyint-to-boolean takes text only.
(defun int-to-boolean (value)
  "0 or 1 (a number or its text) as PostgreSQL's f or t, NIL as NIL."
  (when value
    (if (member value '(0 "0") :test #'equal) "f" "t")))
