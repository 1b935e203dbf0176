// The console's working vocabulary in the merchant's words: languages, how a caption was made, what went wrong.
// Engine ids and flags stay in the data; the merchant reads these.
(function () {
  'use strict';
  const languages = {
    zh: '中文', en: '英语', es: '西班牙语', pt: '葡萄牙语', fr: '法语', ru: '俄语', ar: '阿拉伯语', de: '德语', it: '意大利语',
    tr: '土耳其语', ja: '日语', ko: '韩语', vi: '越南语', th: '泰语', id: '印尼语', ms: '马来语', hi: '印地语', pl: '波兰语',
    nl: '荷兰语', uk: '乌克兰语', fa: '波斯语', he: '希伯来语', ur: '乌尔都语', bn: '孟加拉语', sw: '斯瓦希里语', fil: '菲律宾语',
  };
  const engines = {
    'offline-script': '您的脚本（已审核）',
    'offline-memory': '内置短语库（已审核）',
    'offline-livestream': '直播短语库（已审核）',
    'offline-phrasebook': '直播短语库（已审核）',
    'offline-dictionary': '离线词典逐词草译',
    'offline-apertium': '离线机器翻译（Apertium）',
    'offline': '离线翻译',
    'azure': 'Azure 翻译',
    'openai': '大模型翻译',
    'source': '原文',
    'none': '未翻译',
    'typed': '打字',
    'browser': '浏览器识别',
    'azure-sdk': 'Azure 语音识别',
    'espeak': '离线语音（eSpeak）',
  };
  const flags = {
    'fallback': '主引擎不可用，用了备用',
    'word-by-word': '逐词草译',
    'draft-hidden': '草译只给您看',
    'withheld': '这句没给观众看',
    'figures-only': '观众只看到数字',
    'figures-retranslated': '数字已重新核对',
    'not-vetted': '未经审核',
    'partial': '只译了一部分',
    'untranslated': '没能翻译',
    'review-edited': '合规检查改过这句',
  };
  // Compliance rules by id (review/*.json and the catalog checks); a pack's own rule shows its id.
  const rules = {
    'cn-absolute': '极限词（广告法第九条）',
    'cn-medical': '医疗功效用语（广告法第十七条）',
    'cn-guarantee': '保证承诺（广告法第二十八条）',
    'eu-green': '笼统环保声明（欧盟）',
    'eu-superlative': '无法证明的最高级（欧盟）',
    'us-made-in-usa': '“美国制造”（美国 FTC）',
    'us-fda-fcc': 'FDA/FCC 声明（美国）',
    'catalog-certification': '认证与商品资料不符',
    'catalog-price': '价格与商品资料不符',
    'catalog-moq': '起批量与商品资料不符',
    'catalog-stock': '库存与商品资料不符',
  };
  const channels = { webchat: '网页聊天', directline: '网页聊天', msteams: 'Teams', emulator: '测试工具', test: '测试' };
  const reasons = {
    Human: '买家要求人工', Payment: '付款问题', unanswered: '需要您回答', noSamples: '没有样品信息', noLogo: '定制 logo',
    noColor: '没有这个颜色', noCertifications: '认证', catalogDown: '商品库连不上', notFound: '找不到商品', flow: '转人工',
  };

  window.ConsoleText = {
    language: (code) => languages[code] || code,
    engine: (name) => engines[name] || name,
    flag: (name) => flags[name] || null,
    flags: (list) => (list || []).map((f) => flags[f]).filter(Boolean),
    channel: (name) => channels[name] || name,
    rule: (id) => rules[id] || id,
    reason: (name) => reasons[name] || '',
    // What an HTTP failure means to the merchant; never a bare status code.
    failure(status) {
      if (status === 401) return '主播密钥不对或已失效，请从工作室重新打开主播台';
      if (status === 404) return '找不到（可能已被删除）';
      if (status === 409) return '这场直播已结束，不能再发';
      if (status === 413 || status === 400) return '内容太长或格式不对';
      if (status === 429) return '操作太频繁，请稍等一分钟再试';
      if (status >= 500) return '服务器暂时出错，请稍后再试';
      if (status === 0) return '网络断了，请检查网络';
      return '出错了（代码 ' + status + '）';
    },
  };
})();
