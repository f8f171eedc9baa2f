import json,sys,re,collections,unicodedata
lang=sys.argv[1]
root='/work/main'
def norm(s):
    s=unicodedata.normalize('NFKC',s).lower()
    s=re.sub(r'[^\w\s]',' ',s)
    return ' '.join(s.split())
def toks(s): return set(norm(s).split())
out=json.load(open(f'/work/tmp/phrases/out-{lang}.json'))
p=f'{root}/locales/{lang}/nlu/examples.json'
ex=json.load(open(p),object_pairs_hook=collections.OrderedDict)
evals=[]
for f in ['ar','de','de-simple','en','fa','ru','tr','uk']:
    evals+= [e['text'] for e in json.load(open(f'{root}/test/nlu/eval/{f}.json'))]
import glob
for f in glob.glob(f'{root}/test/nlu/conversations/*.json'):
    def walk(o):
        if isinstance(o,dict):
            for k,v in o.items():
                if k in ('text','say','user') and isinstance(v,str): evals.append(v)
                else: walk(v)
        elif isinstance(o,list):
            for v in o: walk(v)
    walk(json.load(open(f)))
evalnorm=set(norm(e) for e in evals)
evaltoks=[toks(e) for e in evals if len(toks(e))>=3]
existing=set(norm(x) for v in ex.values() for x in v)
added=dropped_eval=dropped_dup=0
for key,phrases in out.items():
    assert key in ex, key
    for ph in phrases:
        n=norm(ph)
        if not n or n in existing: dropped_dup+=1; continue
        t=toks(ph)
        if n in evalnorm or (len(t)>=3 and any(len(t&e)/len(t|e)>=0.8 for e in evaltoks)):
            dropped_eval+=1; continue
        ex[key].append(ph); existing.add(n); added+=1
open(p,'w').write(json.dumps(ex,ensure_ascii=False,indent=2)+'\n')
print(lang,'added',added,'dup',dropped_dup,'too close to evaluation',dropped_eval)
