// 发文机关: a type-to-find box over a <select multiple data-department-autocomplete>.
// The select stays in the form (hidden) and is what is submitted.
(function () {
  'use strict';

  function enhance(select) {
    if (select.dataset.enhanced) return;
    select.dataset.enhanced = '1';
    var wrapper = document.createElement('div');
    wrapper.className = 'dept-ac';
    var chosen = document.createElement('ul');
    chosen.className = 'dept-ac__chosen';
    chosen.setAttribute('aria-label', '已选发文机关');
    var input = document.createElement('input');
    input.type = 'text';
    input.className = 'dept-ac__input';
    input.placeholder = '输入部门名称查找，如 市场监管';
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    var labelId = select.getAttribute('aria-labelledby') || (select.id ? select.id + '-label' : '');
    if (labelId && document.getElementById(labelId)) input.setAttribute('aria-labelledby', labelId);
    var list = document.createElement('ul');
    list.className = 'dept-ac__options';
    list.id = (select.id || 'dept') + '-options';
    list.setAttribute('role', 'listbox');
    list.hidden = true;
    input.setAttribute('aria-controls', list.id);
    select.parentNode.insertBefore(wrapper, select);
    wrapper.appendChild(chosen);
    wrapper.appendChild(input);
    wrapper.appendChild(list);
    wrapper.appendChild(select);
    select.hidden = true;

    function renderChosen() {
      chosen.textContent = '';
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.selected) return;
        var item = document.createElement('li');
        item.textContent = option.text;
        var remove = document.createElement('button');
        remove.type = 'button';
        remove.textContent = '×';
        remove.setAttribute('aria-label', '移除 ' + option.text);
        remove.addEventListener('click', function () {
          option.selected = false;
          renderChosen();
          input.focus();
        });
        item.appendChild(remove);
        chosen.appendChild(item);
      });
    }

    function renderOptions() {
      var query = input.value.trim();
      list.textContent = '';
      var shown = 0;
      // Options keep the select's order: the district's departments first.
      Array.prototype.forEach.call(select.options, function (option) {
        if (option.selected || (query && option.text.indexOf(query) === -1)) return;
        var item = document.createElement('li');
        item.setAttribute('role', 'option');
        item.id = list.id + '-' + option.value;
        item.textContent = option.text;
        var group = option.parentNode.label;
        if (group) item.title = group;
        item.addEventListener('mousedown', function (event) {
          event.preventDefault();
          choose(option);
        });
        list.appendChild(item);
        shown += 1;
      });
      if (!shown) {
        var none = document.createElement('li');
        none.className = 'dept-ac__none';
        none.textContent = '没有名称包含“' + query + '”的部门';
        list.appendChild(none);
      }
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      highlight(list.querySelector('[role=option]'));
    }

    function highlight(item) {
      var current = list.querySelector('[aria-selected=true]');
      if (current) current.setAttribute('aria-selected', 'false');
      if (item) {
        item.setAttribute('aria-selected', 'true');
        input.setAttribute('aria-activedescendant', item.id);
        item.scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }

    function choose(option) {
      option.selected = true;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      input.value = '';
      renderChosen();
      renderOptions();
    }

    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
    }

    input.addEventListener('focus', renderOptions);
    input.addEventListener('input', renderOptions);
    input.addEventListener('blur', close);
    input.addEventListener('keydown', function (event) {
      var current = list.querySelector('[aria-selected=true]');
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        if (list.hidden) renderOptions();
        var items = Array.prototype.slice.call(list.querySelectorAll('[role=option]'));
        var at = items.indexOf(current) + (event.key === 'ArrowDown' ? 1 : -1);
        highlight(items[Math.max(0, Math.min(items.length - 1, at))]);
      } else if (event.key === 'Enter') {
        if (!list.hidden && current) {
          event.preventDefault();  // choose, do not submit the form
          choose(select.querySelector('option[value="' + current.id.slice(list.id.length + 1) + '"]'));
        }
      } else if (event.key === 'Escape') {
        close();
      } else if (event.key === 'Backspace' && !input.value) {
        var last = Array.prototype.filter.call(select.options, function (o) { return o.selected; }).pop();
        if (last) { last.selected = false; renderChosen(); }
      }
    });
    renderChosen();
  }

  function enhanceAll() {
    document.querySelectorAll('select[data-department-autocomplete]').forEach(enhance);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', enhanceAll);
  else enhanceAll();
})();
