// Runs the script of an actions/github-script step for scripts/ci_rehearsal.py, the way github-script
// does (the body of an async function given require, github, context and core), with a `github`
// client that keeps pull-request comments in a JSON file (REHEARSAL_COMMENTS) instead of calling GitHub.
'use strict';
const fs = require('fs');
const store = process.env.REHEARSAL_COMMENTS;
const comments = fs.existsSync(store) ? JSON.parse(fs.readFileSync(store, 'utf8')) : [];
const [owner, repo] = process.env.REHEARSAL_REPOSITORY.split('/');
const number = Number(process.env.REHEARSAL_ISSUE);

function need(params, ...names) {
  for (const name of names) {
    if (params[name] === undefined) throw new Error(`missing parameter ${name}`);
  }
}

const issues = {
  async listComments(params) {
    need(params, 'owner', 'repo', 'issue_number');
    return { data: comments.filter((comment) => comment.issue_number === params.issue_number) };
  },
  async createComment(params) {
    need(params, 'owner', 'repo', 'issue_number', 'body');
    const comment = { id: comments.length + 1, issue_number: params.issue_number, body: params.body,
                      user: { login: 'github-actions[bot]', type: 'Bot' } };
    comments.push(comment);
    return { data: comment };
  },
  async updateComment(params) {
    need(params, 'owner', 'repo', 'comment_id', 'body');
    const comment = comments.find((candidate) => candidate.id === params.comment_id);
    if (!comment) throw new Error(`no comment ${params.comment_id}`);
    comment.body = params.body;
    return { data: comment };
  },
};
const github = {
  rest: { issues },
  async paginate(method, params) { return (await method(params)).data; },
};
const context = {
  eventName: process.env.REHEARSAL_EVENT,
  repo: { owner, repo },
  issue: { owner, repo, number },
  payload: {},
};
const core = {
  info: (text) => console.log(text),
  warning: (text) => console.log(`::warning::${text}`),
  setFailed: (text) => { console.log(`::error::${text}`); process.exitCode = 1; },
};
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
new AsyncFunction('require', 'github', 'context', 'core', process.env.REHEARSAL_SCRIPT)(require, github, context, core)
  .then(() => fs.writeFileSync(store, JSON.stringify(comments, null, 2)))
  .catch((error) => { console.error(error); process.exit(1); });
