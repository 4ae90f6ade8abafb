;;; driver.el --- plays the user in headless Emacs for test/emacs.test.ts -*- lexical-binding: t -*-
;; The README's Eglot snippet is loaded first (SPECLINT_EMACS_INIT); then this opens the spec
;; (SPECLINT_EMACS_FILE), waits for Eglot's diagnostics in Flymake, writes them as JSON
;; (SPECLINT_EMACS_RESULT) and shuts the server down.
(require 'json)
(require 'flymake)
;; Emacs has no Markdown mode built in: a stand-in with the name the snippet hooks.
(define-derived-mode markdown-mode text-mode "Markdown")
(add-to-list 'auto-mode-alist '("\\.md\\'" . markdown-mode))
(load (getenv "SPECLINT_EMACS_INIT") nil t)
(require 'eglot)

(defun speclint-test--position (pos)
  (save-excursion
    (goto-char pos)
    (list (line-number-at-pos) (1+ (current-column)))))

(defun speclint-test--diagnostic (d)
  (let ((beg (speclint-test--position (flymake-diagnostic-beg d)))
        (end (speclint-test--position (flymake-diagnostic-end d))))
    `((line . ,(car beg)) (column . ,(cadr beg)) (endLine . ,(car end)) (endColumn . ,(cadr end))
      (type . ,(symbol-name (flymake-diagnostic-type d))) (text . ,(flymake-diagnostic-text d)))))

;; Each step's outcome, as JSON for the test.
(defvar speclint-test--outcome nil)

(defun speclint-test--stderr ()
  "What the server wrote to stderr (Eglot keeps it in a buffer), for a failure's message."
  (mapconcat (lambda (b) (with-current-buffer b (buffer-string)))
             (seq-filter (lambda (b) (string-match-p "stderr" (buffer-name b))) (buffer-list))
             "\n"))

(let ((result-file (getenv "SPECLINT_EMACS_RESULT"))
      (buffer (find-file-noselect (getenv "SPECLINT_EMACS_FILE"))))
  (condition-case err
      (with-current-buffer buffer
        ;; eglot-ensure connects after the command that opened the file: run that hook as the command loop would.
        (run-hooks 'post-command-hook)
        (let ((deadline (+ (float-time) 30))
              (diagnostics nil))
          (while (and (< (float-time) deadline) (null diagnostics))
            (accept-process-output nil 0.1)
            (when (and (eglot-current-server) (bound-and-true-p flymake-mode)) (flymake-start))
            (setq diagnostics (flymake-diagnostics)))
          (let* ((server (eglot-current-server))
                 (process (and server (jsonrpc--process server))))
            (setq speclint-test--outcome
                  `((mode . ,(symbol-name major-mode))
                    (server . ,(and server (jsonrpc-name server)))
                    (stderr . ,(speclint-test--stderr))
                    (diagnostics . ,(vconcat (mapcar #'speclint-test--diagnostic
                                                     (sort diagnostics (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))))))
            (when server (eglot-shutdown server))
            (push `(alive . ,(if (and process (process-live-p process)) t :json-false)) speclint-test--outcome))))
    (error (setq speclint-test--outcome `((error . ,(error-message-string err)) (stderr . ,(speclint-test--stderr))))))
  (with-temp-file result-file (insert (json-encode speclint-test--outcome)))
  (kill-emacs 0))
