/*
 * The bilingual page editor (pirsote/core/bilingual_admin.py): marks the English fields
 * left empty, which the site shows in Finnish, and opens the tab that holds an error.
 * Loaded from a file through Wagtail's insert_editor_js hook (no inline code, for the admin's
 * CSP); the form works without it.
 */
(() => {
  'use strict';

  // currentScript is null where a script is run after the page was parsed: find it by its data.
  const script = document.currentScript || document.querySelector('script[data-empty-label]');
  const language = (script && script.dataset.translatedLanguage) || 'en';
  const emptyLabel = (script && script.dataset.emptyLabel) || '';
  const suffix = `_${language}-section`;

  const isRichTextEmpty = (value) => {
    try {
      const data = JSON.parse(value);
      if (data && Array.isArray(data.blocks)) {
        return data.blocks.every((block) => !(block.text || '').trim());
      }
    } catch (error) {
      // Not Draftail's JSON: judged as plain text below.
    }
    return false;
  };

  const isEmpty = (form, name) => {
    const count = form.elements.namedItem(`${name}-count`);
    if (count) return Number(count.value) === 0; // a StreamField
    const field = form.elements.namedItem(name);
    if (!field || typeof field.value !== 'string') return false;
    const value = field.value.trim();
    return value === '' || (value.startsWith('{') && isRichTextEmpty(value));
  };

  const markEmptyTranslations = (form) => {
    form.querySelectorAll(`section.w-panel[id$="${suffix}"]`).forEach((section) => {
      const match = section.id.match(/-([a-z0-9_]+)-section$/);
      // The panel's own content, not a nested panel's (a StreamField's blocks are panels).
      const content = section.querySelector(':scope > .w-panel__content');
      if (!match || !content) return;
      let badge = content.querySelector(':scope > .pirsote-untranslated');
      const empty = isEmpty(form, match[1]);
      section.classList.toggle('pirsote-untranslated-panel', empty);
      if (empty && !badge && emptyLabel) {
        // Under the heading, which Wagtail cuts short on narrow screens.
        badge = document.createElement('p');
        badge.className = 'pirsote-untranslated';
        badge.textContent = emptyLabel;
        content.prepend(badge);
      } else if (!empty && badge) {
        badge.remove();
      }
    });
  };

  const visibleError = ':not([hidden]):is(.error-message,.help-critical,.w-field--error)';

  /* After a failed save, show a tab with an error when the open tab has none. */
  const openTabWithError = () => {
    const panels = [...document.querySelectorAll('[role="tabpanel"]')];
    const active = panels.find((panel) => !panel.hidden);
    if (!active || active.querySelector(visibleError)) return;
    const withError = panels.find((panel) => panel.querySelector(visibleError));
    const trigger = withError && document.querySelector(`[role="tab"][href="#${withError.id}"]`);
    if (trigger) trigger.click();
  };

  const start = () => {
    const form = document.querySelector('form[data-edit-form]');
    if (!form) return;
    markEmptyTranslations(form);
    ['input', 'change', 'w-formset:added', 'w-formset:removed'].forEach((type) =>
      form.addEventListener(type, () => markEmptyTranslations(form)),
    );
    // StreamFields draw themselves after load; their blocks change without input events.
    new MutationObserver(() => markEmptyTranslations(form)).observe(form, {
      childList: true,
      subtree: true,
    });
    openTabWithError();
  };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
