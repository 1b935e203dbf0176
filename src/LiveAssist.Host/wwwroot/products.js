// The studio's product pages: my shop's products, the product form (titles per language, price tiers, stock per
// warehouse, colours, pictures uploaded here) and the spreadsheet import with its preview. Uses studio.js's helpers.
(function () {
  'use strict';
  const S = window.Studio;
  const $ = (id) => document.getElementById(id);
  const el = S.el;
  const MAX_FILE = 5 * 1024 * 1024;
  const CURRENCIES = ['USD', 'CNY', 'EUR', 'GBP', 'AED', 'BRL', 'RUB', 'MXN', 'IDR', 'THB', 'VND'];

  const TEXT = {
    zh: {
      manage: '商品管理', listTitle: '我的商品', importTitle: '从表格导入', newProduct: '新增商品', searchMine: '搜我的商品：名称、编号',
      search: '搜索', more: '显示更多', moqShort: '起批', cancel: '取消', edit: '修改', shopLine: (shop, n) => `店铺 ${shop} · 共 ${n} 个商品`,
      none: '还没有商品。点“新增商品”，或者从表格导入。', noneFound: '没有找到，换个词试试。',
      noShop: '你的账号还没有绑定店铺编号，不能管理商品。请管理员在账号设置里填上店铺编号。',
      newTitle: '新增商品', editTitle: (id) => `修改商品 ${id}`,
      basics: '基本信息', id: '商品编号', idHint: '字母、数字、“-”，比如 CG-2001；保存后不能改。', titleZh: '中文名称', titleEn: '英文名称',
      descZh: '中文描述', descEn: '英文描述', otherLanguages: '其他语言的名称和描述（不填就由翻译引擎翻，买家看到时标为机器翻译）',
      titleIn: (l) => `名称（${l}）`, descIn: (l) => `描述（${l}）`,
      category: '分类', noCategory: '（不选）', unitZh: '单位', unitEn: '英文单位', moq: '起订量', lead: '交期（天）',
      prices: '价格阶梯', currency: '币种', fromQty: '起订数量', unitPrice: '单价', addTier: '加一档',
      stock: '库存（每个仓库）', warehouse: '仓库', country: '国家代码', qty: '数量', addStock: '加一个仓库',
      variants: '规格（颜色）', sku: 'SKU', colorZh: '颜色', colorEn: '英文颜色', addVariant: '加一个颜色',
      more2: '认证、定制和样品', certs: '认证（用逗号分开，如 CE, FDA）', logo: '可以定制 logo', logoMoq: 'logo 起订量',
      samples: '可以寄样品', samplePrice: '样品单价',
      pictures: '图片', choosePicture: '上传图片（JPG、PNG、GIF、WebP，最大 5 MB）', uploading: '正在上传…', uploaded: '已上传。',
      pictureTooLarge: '图片最大 5 MB，请压缩后再传。', removePicture: '删除这张图片',
      save: '保存', saving: '正在保存…', saved: (t) => `已保存：${t}`, remove: '删除',
      needId: '请填写商品编号。', needTitle: '请填写中文或英文名称。', needTier: '请至少填一档价格（起订数量和单价）。',
      chooseFile: '选择文件（CSV 或 XLSX，最大 5 MB）', template: '下载模板（CSV）', reading: '正在检查文件…',
      fileTooLarge: (mb) => `文件太大了（${mb} MB）：一次最多 5 MB。请分成几个文件导入，什么都没有保存。`,
      readyTitle: (n) => `可以导入 ${n} 个商品`, rejectedTitle: (n) => `${n} 行有问题，不会导入`, noRejected: '没有问题行。',
      row: '行', action: '操作', isNew: '新增', isUpdate: '更新', reason: '原因', title: '名称',
      ignored: (cols) => `这些列没有用上（名字对不上模板）：${cols}`,
      importGo: (n, m) => m ? `导入 ${n} 个商品（跳过 ${m} 行有问题的）` : `导入 ${n} 个商品`, importing: '正在导入…',
      imported: (a, b, m) => `导入完成：新增 ${a} 个，更新 ${b} 个` + (m ? `，跳过 ${m} 行。` : '。'), nothingReady: '没有可以导入的行，请按上面的原因改好再试。',
      step1: '下载模板，用 Excel 或 WPS 打开。',
      step2: '每个商品一行：编号、名称、起订量、价格阶梯（如 500:1.85;2000:1.62）、币种、库存（如 义乌仓:CN:8000）…… 已有的商品只改你填了的列。',
      step3: '保存为 CSV 或 XLSX，选择文件，先看预览：有问题的行会列出来，不会导入。',
    },
    en: {
      manage: 'Products', listTitle: 'My products', importTitle: 'Import from a spreadsheet', newProduct: 'New product', searchMine: 'Search my products: name, id',
      search: 'Search', more: 'Show more', moqShort: 'MOQ', cancel: 'Cancel', edit: 'Edit', shopLine: (shop, n) => `Shop ${shop} · ${n} products`,
      none: 'No products yet. Press "New product" or import a spreadsheet.', noneFound: 'Nothing found; try another word.',
      noShop: 'This account has no shop id, so it cannot manage products. Ask the administrator to set one.',
      newTitle: 'New product', editTitle: (id) => `Edit product ${id}`,
      basics: 'Basics', id: 'Product id', idHint: 'Letters, digits, "-", e.g. CG-2001; fixed once saved.', titleZh: 'Chinese title', titleEn: 'English title',
      descZh: 'Chinese description', descEn: 'English description', otherLanguages: 'Titles and descriptions in other languages (left empty, the engines translate them, marked as machine translation)',
      titleIn: (l) => `Title (${l})`, descIn: (l) => `Description (${l})`,
      category: 'Category', noCategory: '(none)', unitZh: 'Unit (Chinese)', unitEn: 'Unit (English)', moq: 'MOQ', lead: 'Lead time (days)',
      prices: 'Price tiers', currency: 'Currency', fromQty: 'From qty', unitPrice: 'Unit price', addTier: 'Add tier',
      stock: 'Stock (per warehouse)', warehouse: 'Warehouse', country: 'Country code', qty: 'Qty', addStock: 'Add warehouse',
      variants: 'Variants (colours)', sku: 'SKU', colorZh: 'Colour (Chinese)', colorEn: 'Colour (English)', addVariant: 'Add colour',
      more2: 'Certificates, customization and samples', certs: 'Certificates (comma-separated, e.g. CE, FDA)', logo: 'Logo customization', logoMoq: 'Logo MOQ',
      samples: 'Samples available', samplePrice: 'Sample unit price',
      pictures: 'Pictures', choosePicture: 'Upload a picture (JPG, PNG, GIF, WebP, at most 5 MB)', uploading: 'Uploading…', uploaded: 'Uploaded.',
      pictureTooLarge: 'A picture may be at most 5 MB.', removePicture: 'Remove this picture',
      save: 'Save', saving: 'Saving…', saved: (t) => `Saved: ${t}`, remove: 'Remove',
      needId: 'Enter a product id.', needTitle: 'Enter a Chinese or English title.', needTier: 'Enter at least one price tier (qty and price).',
      chooseFile: 'Choose a file (CSV or XLSX, at most 5 MB)', template: 'Download the template (CSV)', reading: 'Checking the file…',
      fileTooLarge: (mb) => `The file is too large (${mb} MB): at most 5 MB. Nothing was saved.`,
      readyTitle: (n) => `${n} products can be imported`, rejectedTitle: (n) => `${n} rows have problems and will not be imported`, noRejected: 'No problem rows.',
      row: 'Row', action: 'Action', isNew: 'new', isUpdate: 'update', reason: 'Reason', title: 'Title',
      ignored: (cols) => `These columns are not used (names not in the template): ${cols}`,
      importGo: (n, m) => m ? `Import ${n} products (skip ${m} rows)` : `Import ${n} products`, importing: 'Importing…',
      imported: (a, b, m) => `Imported: ${a} new, ${b} updated` + (m ? `, ${m} rows skipped.` : '.'), nothingReady: 'No row can be imported; fix the rows above and try again.',
      step1: 'Download the template and open it in Excel or WPS.',
      step2: 'One product per row: id, title, MOQ, price tiers (e.g. 500:1.85;2000:1.62), currency, stock (e.g. Yiwu:CN:8000)… Existing products change only in the columns you fill.',
      step3: 'Save as CSV or XLSX, choose the file and check the preview: problem rows are listed and not imported.',
    },
  };
  const T = S.english ? TEXT.en : TEXT.zh;

  document.querySelectorAll('[data-pt]').forEach((n) => { const v = T[n.dataset.pt]; if (typeof v === 'string') n.textContent = v; });
  document.querySelectorAll('[data-ptp]').forEach((n) => { n.placeholder = T[n.dataset.ptp]; });

  // ---------- my products ----------
  let listPage = 1;
  let savedMessage = '';

  async function showList() {
    S.show('products');
    if (savedMessage) { S.flash(savedMessage, 'ok'); savedMessage = ''; }
    listPage = 1;
    await loadList(false);
  }

  async function loadList(append) {
    const list = $('shop-products');
    if (!append) list.textContent = '';
    const q = $('shop-search').value.trim().slice(0, 100);
    const result = await S.api('/api/shop/products?' + new URLSearchParams({ q, page: String(listPage) }).toString());
    if (!result.ok) {
      list.appendChild(el('li', { class: 'error', text: result.status === 409 ? T.noShop : result.message }));
      $('product-new').hidden = $('product-import').hidden = result.status === 409;
      return;
    }
    $('product-new').hidden = $('product-import').hidden = false;
    $('products-shop').textContent = T.shopLine(result.data.shopId, result.data.total);
    if (result.data.items.length === 0 && !append) list.appendChild(el('li', { class: 'hint', text: q ? T.noneFound : T.none }));
    result.data.items.forEach((p) => list.appendChild(productRow(p)));
    $('shop-more').hidden = result.data.page * result.data.pageSize >= result.data.total;
  }

  function productRow(p) {
    const tiers = (p.priceTiers || []).map((t) => `≥${t.minQty} ${t.unitPrice} ${t.currency}`).join(' · ');
    const stock = (p.stock || []).map((s) => `${s.warehouse} ${s.qty}`).join(' · ');
    return el('li', { class: 'product', 'data-id': p.id }, [S.picture(p), el('div', { class: 'product-text' }, [
      el('strong', { text: S.localized(p.title) }),
      el('span', { class: 'hint', text: `${p.id} · ${T.moqShort} ${p.moq} ${S.localized(p.unit)}` }),
      el('span', { class: 'facts', text: tiers }),
      stock ? el('span', { class: 'facts', text: stock }) : null,
    ]), el('a', { class: 'button small', href: '#/products/edit/' + encodeURIComponent(p.id), text: T.edit })]);
  }

  $('shop-search-go').addEventListener('click', () => { listPage = 1; loadList(false); });
  $('shop-search').addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); listPage = 1; loadList(false); } });
  $('shop-more').addEventListener('click', () => { listPage++; loadList(true); });

  // ---------- the product form ----------
  let editing = null; // the product as loaded: fields the form does not show are kept as they were
  let pictures = [];

  function field(label, input, hint) {
    return el('label', {}, [el('span', { text: label }), input, hint ? el('span', { class: 'hint', text: hint }) : null]);
  }

  function input(id, value, props) {
    const attributes = Object.assign(id ? { id } : {}, props || {});
    const multiline = attributes.multiline;
    delete attributes.multiline;
    const node = el(multiline ? 'textarea' : 'input', attributes);
    node.value = value === undefined || value === null ? '' : value;
    return node;
  }

  // A table of rows (tiers, stock, colours): each row a list of inputs, a remove button, and an add button below.
  function rowsTable(id, headers, rows, makeRow, addText) {
    const body = el('tbody', {});
    const add = (values) => {
      const cells = makeRow(values || []);
      const tr = el('tr', {}, [...cells.map((c) => el('td', {}, [c])), el('td', {}, [el('button', { type: 'button', class: 'link', text: '×', 'aria-label': T.remove, onclick: () => tr.remove() })])]);
      body.appendChild(tr);
    };
    (rows.length ? rows : [[]]).forEach(add);
    const table = el('table', { id, class: 'rows-table' }, [el('thead', {}, [el('tr', {}, [...headers.map((h) => el('th', { text: h })), el('th', {})])]), body]);
    return el('div', {}, [el('div', { class: 'table-scroll' }, [table]), el('div', { class: 'actions' }, [el('button', { type: 'button', id: id + '-add', text: addText, onclick: () => add([]) })])]);
  }

  function rowValues(id) {
    return Array.from(document.querySelectorAll('#' + id + ' tbody tr')).map((tr) => Array.from(tr.querySelectorAll('input')).map((i) => i.value.trim()));
  }

  async function showForm(id) {
    S.show('product');
    const form = $('product-form');
    form.textContent = '';
    editing = null;
    if (id) {
      const result = await S.api('/api/shop/products/' + encodeURIComponent(id));
      if (!result.ok) { form.appendChild(el('p', { class: 'error', text: result.message })); return; }
      editing = result.data;
    }
    const p = editing || {};
    pictures = (p.images || []).slice();
    $('product-heading').textContent = id ? T.editTitle(id) : T.newTitle;
    const settings = await S.settings();
    const categories = await S.api('/catalog/v1/categories?lang=' + (S.english ? 'en' : 'zh'));
    const t = (v, l) => (v && v[l]) || '';

    const category = el('select', { id: 'p-category' }, [el('option', { value: '', text: T.noCategory })]);
    (categories.ok ? categories.data : []).forEach((c) => {
      const name = S.localized(c.name) || c.id;
      (c.children && c.children.length ? c.children : [c]).forEach((child) => {
        category.appendChild(el('option', { value: child.id, text: child === c ? name : name + ' / ' + (S.localized(child.name) || child.id) }));
      });
    });
    category.value = p.category || '';

    const others = ((settings && settings.supportedLanguages) || []).filter((l) => l !== 'en');
    const currency = el('select', { id: 'p-currency' }, CURRENCIES.map((c) => el('option', { value: c, text: c })));
    currency.value = (p.priceTiers && p.priceTiers[0] && p.priceTiers[0].currency) || 'USD';
    const certs = input('p-certs', (p.certifications || []).join(', '), { maxlength: 300 });
    const logo = input('p-logo', '', { type: 'checkbox' }); logo.checked = !!(p.customization && p.customization.logo);
    const samples = input('p-samples', '', { type: 'checkbox' }); samples.checked = !!(p.samples && p.samples.available);

    form.append(
      el('fieldset', { class: 'card' }, [el('legend', { text: T.basics }),
        field(T.id, input('p-id', p.id, { maxlength: 64, required: true, readonly: !!id, autocomplete: 'off' }), T.idHint),
        el('div', { class: 'pair' }, [
          field(T.titleZh, input('p-title-zh', t(p.title, 'zh'), { maxlength: 300 })),
          field(T.titleEn, input('p-title-en', t(p.title, 'en'), { maxlength: 300 })),
        ]),
        field(T.descZh, input('p-desc-zh', t(p.description, 'zh'), { multiline: true, rows: 3, maxlength: 4000 })),
        field(T.descEn, input('p-desc-en', t(p.description, 'en'), { multiline: true, rows: 3, maxlength: 4000 })),
        el('details', { id: 'p-languages' }, [el('summary', { text: T.otherLanguages }),
          ...others.map((l) => el('div', { class: 'pair' }, [
            field(T.titleIn(S.langName(l)), input('p-title-' + l, t(p.title, l), { maxlength: 300, lang: l, dir: l === 'ar' ? 'rtl' : 'auto' })),
            field(T.descIn(S.langName(l)), input('p-desc-' + l, t(p.description, l), { maxlength: 4000, lang: l, dir: l === 'ar' ? 'rtl' : 'auto' })),
          ]))]),
        el('div', { class: 'form-grid' }, [
          field(T.category, category),
          field(T.unitZh, input('p-unit-zh', t(p.unit, 'zh') || '个', { maxlength: 20 })),
          field(T.unitEn, input('p-unit-en', t(p.unit, 'en') || 'piece', { maxlength: 20 })),
          field(T.moq, input('p-moq', p.moq, { type: 'number', min: 1, step: 1, inputmode: 'numeric' })),
          field(T.lead, input('p-lead', p.leadTimeDays, { type: 'number', min: 0, max: 365, step: 1, inputmode: 'numeric' })),
        ]),
      ]),
      el('fieldset', { class: 'card' }, [el('legend', { text: T.prices }),
        field(T.currency, currency),
        rowsTable('p-tiers', [T.fromQty, T.unitPrice], (p.priceTiers || []).map((x) => [x.minQty, x.unitPrice]),
          (v) => [input('', v[0], { type: 'number', min: 1, step: 1, inputmode: 'numeric', 'aria-label': T.fromQty, class: 'qty' }),
            input('', v[1], { type: 'number', min: 0, step: '0.01', inputmode: 'decimal', 'aria-label': T.unitPrice, class: 'price' })], T.addTier),
      ]),
      el('fieldset', { class: 'card' }, [el('legend', { text: T.stock }),
        rowsTable('p-stock', [T.warehouse, T.country, T.qty], (p.stock || []).map((x) => [x.warehouse, x.country, x.qty]),
          (v) => [input('', v[0], { maxlength: 100, 'aria-label': T.warehouse, placeholder: '义乌仓' }),
            input('', v[1] || 'CN', { maxlength: 2, 'aria-label': T.country, class: 'country', autocapitalize: 'characters' }),
            input('', v[2], { type: 'number', min: 0, step: 1, inputmode: 'numeric', 'aria-label': T.qty })], T.addStock),
      ]),
      el('fieldset', { class: 'card' }, [el('legend', { text: T.variants }),
        rowsTable('p-variants', [T.sku, T.colorZh, T.colorEn], (p.variants || []).map((x) => {
          const c = (x.options && x.options.color) || {};
          return [x.sku, c.zh || '', c.en || ''];
        }), (v) => [input('', v[0], { maxlength: 64, 'aria-label': T.sku }), input('', v[1], { maxlength: 50, 'aria-label': T.colorZh }), input('', v[2], { maxlength: 50, 'aria-label': T.colorEn })], T.addVariant),
      ]),
      el('fieldset', { class: 'card' }, [el('legend', { text: T.pictures }),
        el('ul', { id: 'p-pictures', class: 'pictures' }),
        el('div', { class: 'file-line' }, [
          el('label', { class: 'button file-button' }, [el('span', { text: T.choosePicture }), input('p-picture-file', '', { type: 'file', accept: 'image/jpeg,image/png,image/gif,image/webp' })]),
          el('span', { id: 'p-picture-status', role: 'status', class: 'hint' }),
        ]),
      ]),
      el('fieldset', { class: 'card' }, [el('legend', { text: T.more2 }),
        field(T.certs, certs),
        el('div', { class: 'form-grid' }, [
          el('label', { class: 'check' }, [logo, el('span', { text: T.logo })]),
          field(T.logoMoq, input('p-logo-moq', p.customization && p.customization.logoMoq, { type: 'number', min: 1, step: 1, inputmode: 'numeric' })),
          el('label', { class: 'check' }, [samples, el('span', { text: T.samples })]),
          field(T.samplePrice, input('p-sample-price', p.samples && p.samples.unitPrice, { type: 'number', min: 0, step: '0.01', inputmode: 'decimal' })),
        ]),
      ]),
      el('p', { id: 'p-error', class: 'error', role: 'alert' }),
      el('div', { class: 'actions sticky' }, [el('button', { type: 'submit', id: 'p-save', class: 'primary big', text: T.save }), el('a', { href: '#/products', class: 'button', text: T.cancel })]),
    );
    renderPictures();
    $('p-picture-file').addEventListener('change', uploadPicture);
  }

  function renderPictures() {
    const list = $('p-pictures');
    list.textContent = '';
    pictures.forEach((src, i) => list.appendChild(el('li', {}, [
      el('img', { src, alt: '' }),
      el('button', { type: 'button', text: '×', title: T.removePicture, 'aria-label': T.removePicture, onclick: () => { pictures.splice(i, 1); renderPictures(); } }),
    ])));
  }

  async function uploadPicture(event) {
    const file = event.target.files[0];
    const status = $('p-picture-status');
    status.className = 'hint';
    if (!file) return;
    if (file.size > MAX_FILE) { status.className = 'error'; status.textContent = T.pictureTooLarge; event.target.value = ''; return; }
    status.textContent = T.uploading;
    const result = await S.api('/api/shop/pictures', { method: 'POST', body: file, headers: { 'Content-Type': file.type || 'application/octet-stream' } });
    event.target.value = '';
    if (!result.ok) { status.className = 'error'; status.textContent = result.message; return; }
    pictures.push(result.data.url);
    renderPictures();
    status.textContent = T.uploaded;
  }

  const number = (id) => { const v = $(id).value.trim(); return v === '' ? null : Number(v); };
  const texts = (prefix, languages) => {
    const out = {};
    languages.forEach((l) => { const n = $(prefix + l); if (n && n.value.trim()) out[l] = n.value.trim(); });
    return out;
  };

  $('product-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = $('p-error');
    error.textContent = '';
    const id = $('p-id').value.trim();
    const languages = ['zh', 'en', ...Array.from(document.querySelectorAll('#p-languages input[id^="p-title-"]')).map((n) => n.id.slice('p-title-'.length))];
    const title = texts('p-title-', languages);
    const tiers = rowValues('p-tiers').filter((r) => r[0] || r[1]).map((r) => ({ minQty: Number(r[0]), unitPrice: Number(r[1]), currency: $('p-currency').value }));
    if (!id) { error.textContent = T.needId; $('p-id').focus(); return; }
    if (!title.zh && !title.en) { error.textContent = T.needTitle; $('p-title-zh').focus(); return; }
    if (tiers.length === 0) { error.textContent = T.needTier; return; }

    // Start from the product as loaded, so attributes, shipping facts and anything else this form lacks are kept.
    const product = Object.assign({}, editing || {}, {
      id, title, category: $('p-category').value || null,
      description: texts('p-desc-', languages),
      unit: texts('p-unit-', ['zh', 'en']),
      moq: number('p-moq'), leadTimeDays: number('p-lead'),
      priceTiers: tiers.sort((a, b) => a.minQty - b.minQty),
      stock: rowValues('p-stock').filter((r) => r[0] || r[2]).map((r) => ({ warehouse: r[0], country: r[1].toUpperCase(), qty: Number(r[2] || 0) })),
      variants: rowValues('p-variants').filter((r) => r[0]).map((r) => ({ sku: r[0], options: { color: Object.assign({ zh: r[1] }, r[2] ? { en: r[2] } : {}) } })),
      certifications: $('p-certs').value.split(/[,，、;；\s]+/).map((c) => c.trim().toUpperCase()).filter(Boolean),
      customization: Object.assign({}, (editing && editing.customization) || {}, { logo: $('p-logo').checked, logoMoq: number('p-logo-moq') }),
      samples: $('p-samples').checked ? { available: true, unitPrice: number('p-sample-price'), currency: $('p-currency').value } : { available: false },
      images: pictures,
    });
    $('p-save').disabled = true;
    $('p-save').textContent = T.saving;
    const result = await S.api('/api/shop/products/' + encodeURIComponent(id) + (editing ? '' : '?create=true'), { method: 'PUT', json: product });
    $('p-save').disabled = false;
    $('p-save').textContent = T.save;
    if (!result.ok) { error.textContent = result.message; return; }
    savedMessage = T.saved(S.localized(result.data.title) + ' (' + result.data.id + ')');
    location.hash = '#/products';
  });

  // ---------- import ----------
  let chosenFile = null;

  function showImport() {
    S.show('import');
    $('import-file').value = '';
    $('import-file-name').textContent = '';
    $('import-status').textContent = '';
    $('import-preview').hidden = true;
    chosenFile = null;
  }

  function fillTable(id, headers, rows) {
    const table = $(id);
    table.tHead.textContent = '';
    table.tHead.appendChild(el('tr', {}, headers.map((h) => el('th', { text: h }))));
    table.tBodies[0].textContent = '';
    rows.forEach((r) => table.tBodies[0].appendChild(r));
  }

  function showOutcome(data) {
    $('import-preview').hidden = false;
    $('import-rejected-title').textContent = data.rejected.length ? T.rejectedTitle(data.rejected.length) : T.noRejected;
    fillTable('import-rejected', [T.row, T.id, T.reason], data.rejected.map((r) => el('tr', { class: 'refused' }, [
      el('td', { class: 'row-number', text: String(r.row) }), el('td', { text: r.id || '' }), el('td', { class: 'error', text: S.pick(r.error) })])));
    $('import-rejected-card').hidden = data.rejected.length === 0;
    $('import-ready-title').textContent = T.readyTitle(data.ready.length);
    fillTable('import-ready', [T.row, T.id, T.title, T.action], data.ready.map((r) => el('tr', {}, [
      el('td', { class: 'row-number', text: String(r.row) }), el('td', { text: r.id }), el('td', { text: r.title }), el('td', { text: r.isNew ? T.isNew : T.isUpdate })])));
    $('import-ignored').hidden = data.ignoredColumns.length === 0;
    $('import-ignored').textContent = T.ignored(data.ignoredColumns.join('、'));
    $('import-go').hidden = data.saved || data.ready.length === 0;
    $('import-go').textContent = T.importGo(data.ready.length, data.rejected.length);
  }

  $('import-file').addEventListener('change', async (event) => {
    const file = event.target.files[0];
    const status = $('import-status');
    $('import-preview').hidden = true;
    status.className = '';
    chosenFile = null;
    $('import-file-name').textContent = file ? file.name : '';
    if (!file) return;
    if (file.size > MAX_FILE) { status.className = 'error'; status.textContent = T.fileTooLarge((file.size / 1048576).toFixed(1)); return; }
    status.textContent = T.reading;
    const result = await S.api('/api/shop/import/preview', { method: 'POST', body: file, headers: { 'Content-Type': 'application/octet-stream' } });
    if (!result.ok) { status.className = 'error'; status.textContent = result.message; return; }
    chosenFile = file;
    status.textContent = result.data.ready.length ? '' : T.nothingReady;
    showOutcome(result.data);
  });

  $('import-go').addEventListener('click', async () => {
    if (!chosenFile) return;
    const status = $('import-status');
    $('import-go').disabled = true;
    status.className = '';
    status.textContent = T.importing;
    const result = await S.api('/api/shop/import', { method: 'POST', body: chosenFile, headers: { 'Content-Type': 'application/octet-stream' } });
    $('import-go').disabled = false;
    if (!result.ok) { status.className = 'error'; status.textContent = result.message; return; }
    status.className = 'ok';
    status.textContent = T.imported(result.data.inserted, result.data.updated, result.data.rejected.length);
    showOutcome(result.data);
  });

  S.route('#/products/import', showImport);
  S.route('#/products/new', () => showForm(null));
  S.route('#/products/edit', (hash) => showForm(decodeURIComponent(hash.slice('#/products/edit/'.length)).slice(0, 64)));
  S.route('#/products', showList);
})();
